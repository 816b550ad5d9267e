"""The `uswds` crispy-forms template pack (templates/uswds/) renders USWDS 3 markup."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Button, Column, Fieldset, Layout, Row, Submit
from django import forms
from django.template import Context, Template

VOID_TAGS = {"input", "br", "hr", "img", "meta", "link"}


@dataclass
class Node:
    """One parsed HTML element: enough structure to assert on real markup."""

    tag: str
    attrs: dict[str, str]
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None
    text_parts: list[str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    @property
    def text(self) -> str:
        parts = [*self.text_parts, *(child.text for child in self.children)]
        return " ".join(" ".join(parts).split())

    def iter(self):
        for child in self.children:
            yield child
            yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Node]:
        wanted = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
        return [
            node
            for node in self.iter()
            if (tag is None or node.tag == tag)
            and (cls is None or cls in node.classes)
            and all(node.attrs.get(name) == value for name, value in wanted.items())
        ]

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Node:
        found = self.find_all(tag, cls, **attrs)
        assert len(found) == 1, f"expected one <{tag} class={cls} {attrs}>, found {len(found)}"
        return found[0]

    def ancestor(self, cls: str) -> Node | None:
        node = self.parent
        while node is not None and cls not in node.classes:
            node = node.parent
        return node


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.root = Node("root", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {name: value or "" for name, value in attrs}, parent=self.current)
        self.current.children.append(node)
        if tag not in VOID_TAGS:
            self.current = node

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.text_parts.append(data)


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    return builder.root


def render_filter(form: forms.BaseForm) -> Node:
    html = Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(Context({"form": form}))
    return parse(html)


def render_tag(form: forms.BaseForm) -> Node:
    html = Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": form}))
    return parse(html)


class ContactForm(forms.Form):
    first_name = forms.CharField(label="First name", help_text="As written on the ID.")
    email = forms.EmailField(required=False)
    notes = forms.CharField(widget=forms.Textarea, required=False)
    state = forms.ChoiceField(
        choices=[("", "- Select -"), ("MN", "Minnesota"), ("WA", "Washington")],
    )
    consent = forms.BooleanField(label="I read the notice aloud")
    contact_by = forms.ChoiceField(
        label="Contact by",
        widget=forms.RadioSelect,
        choices=[("phone", "Phone"), ("mail", "Mail")],
    )
    days = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        choices=[("mon", "Monday"), ("tue", "Tuesday")],
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("email", "").endswith("@example.invalid"):
            raise forms.ValidationError("That address cannot receive mail.")
        return cleaned


def invalid_form() -> ContactForm:
    form = ContactForm(data={"first_name": "", "email": "a@example.invalid", "state": "MN"})
    assert not form.is_valid()
    return form


def test_it_links_each_label_to_its_input():
    doc = render_filter(ContactForm())

    label = doc.find("label", "usa-label", for_="id_first_name")
    field_input = doc.find("input", id="id_first_name")
    assert label.text.startswith("First name")
    assert field_input.attrs["name"] == "first_name"
    assert "usa-form-group" in label.ancestor("usa-form-group").classes


def test_it_gives_text_inputs_the_usa_input_class():
    doc = render_filter(ContactForm())

    assert "usa-input" in doc.find("input", id="id_first_name").classes
    assert "usa-input" in doc.find("input", id="id_email").classes
    assert "usa-input--error" not in doc.find("input", id="id_email").classes


def test_it_gives_selects_and_textareas_their_uswds_classes():
    doc = render_filter(ContactForm())

    assert "usa-select" in doc.find("select", id="id_state").classes
    assert "usa-textarea" in doc.find("textarea", id="id_notes").classes


def test_it_marks_required_fields_with_an_abbr():
    doc = render_filter(ContactForm())

    required = doc.find("label", for_="id_first_name").find("abbr")
    assert required.attrs["title"] == "required"
    assert {"usa-hint", "usa-hint--required"} <= required.classes
    assert required.text == "*"
    assert doc.find("label", for_="id_email").find_all("abbr") == []


def test_it_renders_help_text_as_a_hint_the_input_points_at():
    doc = render_filter(ContactForm())

    hint = doc.find("div", "usa-hint", id="id_first_name_hint")
    assert hint.text == "As written on the ID."
    assert doc.find("input", id="id_first_name").attrs["aria-describedby"] == "id_first_name_hint"
    assert "aria-invalid" not in doc.find("input", id="id_first_name").attrs


def test_it_marks_an_invalid_field_with_uswds_error_markup():
    doc = render_filter(invalid_form())

    field_input = doc.find("input", id="id_first_name")
    group = field_input.ancestor("usa-form-group")
    error = doc.find("span", "usa-error-message", id="id_first_name_error")
    assert "usa-form-group--error" in group.classes
    assert error.attrs["role"] == "alert"
    assert error.text == "This field is required."
    assert error.ancestor("usa-form-group") is group
    assert {"usa-input", "usa-input--error"} <= field_input.classes
    assert field_input.attrs["aria-invalid"] == "true"
    assert field_input.attrs["aria-describedby"].split() == [
        "id_first_name_hint",
        "id_first_name_error",
    ]
    assert "usa-label--error" in doc.find("label", for_="id_first_name").classes


def test_it_leaves_valid_fields_of_an_invalid_form_alone():
    doc = render_filter(invalid_form())

    state = doc.find("select", id="id_state")
    assert "usa-form-group--error" not in state.ancestor("usa-form-group").classes
    assert "aria-invalid" not in state.attrs
    assert doc.find_all(id="id_state_error") == []


def test_it_renders_a_checkbox_with_uswds_checkbox_markup():
    doc = render_filter(invalid_form())

    box = doc.find("input", id="id_consent")
    wrapper = box.parent
    label = wrapper.find("label")
    assert box.attrs["type"] == "checkbox"
    assert "usa-checkbox__input" in box.classes
    assert wrapper.tag == "div" and wrapper.classes == {"usa-checkbox"}
    assert "usa-checkbox__label" in label.classes
    assert label.attrs["for"] == "id_consent"
    assert label.text.startswith("I read the notice aloud")
    assert box.attrs["aria-describedby"] == "id_consent_error"
    assert "usa-form-group--error" in wrapper.ancestor("usa-form-group").classes


def test_it_renders_radio_choices_in_a_fieldset_with_a_legend():
    doc = render_filter(invalid_form())

    legend = [node for node in doc.find_all("legend", "usa-legend") if "Contact by" in node.text]
    assert len(legend) == 1
    fieldset = legend[0].parent
    assert fieldset.tag == "fieldset" and "usa-fieldset" in fieldset.classes
    assert fieldset.attrs["aria-describedby"] == "id_contact_by_error"
    radios = fieldset.find_all("input", type="radio")
    assert [radio.attrs["id"] for radio in radios] == ["id_contact_by_0", "id_contact_by_1"]
    for radio in radios:
        assert "usa-radio__input" in radio.classes
        assert "usa-radio" in radio.parent.classes
        label = radio.parent.find("label", "usa-radio__label")
        assert label.attrs["for"] == radio.attrs["id"]
        assert radio.attrs["aria-invalid"] == "true"
    assert doc.find("span", "usa-error-message", id="id_contact_by_error").ancestor(
        "usa-form-group"
    ) is fieldset.ancestor("usa-form-group")


def test_it_renders_checkbox_select_multiple_as_uswds_checkboxes():
    doc = render_filter(ContactForm())

    boxes = doc.find_all("input", name="days")
    assert len(boxes) == 2
    for box in boxes:
        assert box.attrs["type"] == "checkbox"
        assert "usa-checkbox__input" in box.classes
        assert box.parent.classes == {"usa-checkbox"}
        assert box.parent.find("label", "usa-checkbox__label").attrs["for"] == box.attrs["id"]
    fieldset = boxes[0].ancestor("usa-fieldset")
    assert fieldset.find("legend", "usa-legend").text == "Days"


def test_it_shows_non_field_errors_in_a_slim_error_alert():
    doc = render_filter(invalid_form())

    alert = doc.find("div", "usa-alert")
    assert {"usa-alert--error", "usa-alert--slim"} <= alert.classes
    assert alert.attrs["role"] == "alert"
    body = alert.find("div", "usa-alert__body")
    assert body.find("p", "usa-alert__text").text == "That address cannot receive mail."


def render_errors(form: forms.BaseForm, **extra: object) -> Node:
    """templates/uswds/errors.html alone, included as a page includes it."""
    html = Template('{% include "uswds/errors.html" %}').render(Context({"form": form, **extra}))
    return parse(html)


def field_errors_only() -> forms.Form:
    form = forms.Form(data={})
    form.fields["name"] = forms.CharField()
    assert not form.is_valid() and not form.non_field_errors()
    return form


def test_it_can_add_one_summary_line_when_only_fields_have_errors():
    alert = render_errors(field_errors_only(), form_errors_summary=True).find("div", "usa-alert")
    assert {"usa-alert--error", "usa-alert--slim"} <= alert.classes
    assert alert.attrs["role"] == "alert"
    assert alert.text == "Nothing was saved. Correct what is marked below."


def test_the_summary_line_is_only_shown_when_asked_for():
    assert render_errors(field_errors_only()).find_all("div", "usa-alert") == []
    assert render_filter(field_errors_only()).find_all("div", "usa-alert") == []
    assert render_errors(ContactForm(), form_errors_summary=True).find_all("div", "usa-alert") == []


def test_non_field_errors_take_the_place_of_the_summary_line():
    alert = render_errors(invalid_form(), form_errors_summary=True).find("div", "usa-alert")
    assert alert.text == "That address cannot receive mail."


def test_it_renders_a_helper_layout_with_uswds_fieldset_grid_and_buttons():
    form = ContactForm()
    form.helper = FormHelper()
    form.helper.layout = Layout(
        Fieldset("About the job seeker", Row(Column("first_name"), Column("email")), "notes"),
        "state",
    )
    form.helper.add_input(Submit("save", "Save", css_class="usa-button--big"))
    form.helper.add_input(Button("cancel", "Cancel"))

    doc = render_tag(form)

    assert doc.find("form").attrs["method"] == "post"
    fieldset = doc.find("fieldset", "usa-fieldset")
    legend = fieldset.find("legend")
    assert legend.classes == {"usa-legend", "usa-legend--large"}
    assert legend.text == "About the job seeker"
    row = fieldset.find("div", "grid-row")
    assert len(row.find_all("div", "tablet:grid-col")) == 2
    assert row.find("input", id="id_first_name")
    submit = doc.find("input", type="submit")
    assert submit.classes == {"usa-button", "usa-button--big"}
    assert submit.attrs["value"] == "Save"
    cancel = doc.find("input", type="button")
    assert cancel.classes == {"usa-button", "usa-button--outline"}


def test_it_renders_a_plain_submit_as_a_usa_button():
    form = ContactForm()
    form.helper = FormHelper()
    form.helper.add_input(Submit("save", "Save"))

    doc = render_tag(form)

    assert doc.find("input", type="submit").classes == {"usa-button"}
    assert doc.find("input", id="id_first_name").attrs["aria-describedby"] == "id_first_name_hint"
