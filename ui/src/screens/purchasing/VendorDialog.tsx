// Add or edit a vendor: its name, business registration number (checked by Rust, which says
// at the field when the check digit does not match), categories, contacts as rows, and notes.
import { useEffect, useRef, useState } from "react";
import type { Vendor } from "../../bindings/Vendor";
import type { VendorContact } from "../../bindings/VendorContact";
import type { VendorInput } from "../../bindings/VendorInput";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { Icon } from "../../components/Icon";
import { useToast } from "../../components/Toast";
import { type MessageKey, type Translate, useT } from "../../i18n";
import { call } from "../../ipc";
import { useRefusal } from "../../lib/problems";

const contactFields = ["name", "role", "phone", "email"] as const;

/** The fields Rust names in its refusals, each shown under its control. */
const vendorFields = [
  "name",
  "business_number",
  "categories",
  "notes",
  ...contactFields.map((field) => `contact_${field}`),
];

/** A refused field's label, for the lines above the buttons. */
export function vendorFieldLabel(t: Translate, field: string): string | undefined {
  if (field.startsWith("contact_")) {
    return `${t("vendor.contacts")} · ${t(`vendor.contact.${field.slice(8)}` as MessageKey)}`;
  }
  if (["name", "business_number", "categories", "notes"].includes(field)) {
    return t(`vendor.field.${field}` as MessageKey);
  }
  return undefined;
}

const noContact: VendorContact = { name: "", role: "", phone: "", email: "" };

/** The form's values of a stored vendor. */
export function vendorInput(vendor: Vendor): VendorInput {
  return {
    name: vendor.name,
    business_number: vendor.business_number,
    contacts: Object.values(vendor.contacts),
    categories: vendor.categories,
    notes: vendor.notes,
  };
}

const empty: VendorInput = {
  name: "",
  business_number: "",
  contacts: [],
  categories: [],
  notes: "",
};

export function VendorDialog(props: {
  vendor: Vendor | null;
  onClose: () => void;
  onSaved: (vendor: Vendor) => void;
}) {
  const t = useT();
  const toast = useToast();
  const initial = props.vendor === null ? empty : vendorInput(props.vendor);
  const [name, setName] = useState(initial.name);
  const [number, setNumber] = useState(initial.business_number);
  const [categories, setCategories] = useState(initial.categories.join(", "));
  const [notes, setNotes] = useState(initial.notes);
  const initialContacts = initial.contacts.length === 0 ? [noContact] : initial.contacts;
  const [contacts, setContacts] = useState<VendorContact[]>(initialContacts);
  const { busy, refused, run } = useRefusal(vendorFields, vendorFieldLabel);
  // A refusal puts the cursor in the first field it is about (the save button, disabled while
  // it ran, would otherwise leave focus nowhere, and Escape with it).
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (Object.keys(refused.fields).length === 0 && refused.lines.length === 0) return;
    const first = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (first ?? form.current?.closest<HTMLElement>('[role="dialog"]'))?.focus();
  }, [refused]);

  const input: VendorInput = {
    name,
    business_number: number,
    contacts: contacts.filter((contact) => contactFields.some((field) => contact[field] !== "")),
    categories: categories.split(/[,，]/).map((category) => category.trim()),
    notes,
  };
  const dirty =
    name !== initial.name ||
    number !== initial.business_number ||
    categories !== initial.categories.join(", ") ||
    notes !== initial.notes ||
    JSON.stringify(contacts) !== JSON.stringify(initialContacts);
  const save = async () => {
    const vendor = props.vendor;
    let saved: Vendor | undefined;
    const done = await run(async () => {
      saved =
        vendor === null
          ? await call("vendor_add", { input })
          : await call("vendor_edit", { id: vendor.id, input });
    });
    if (done && saved !== undefined) {
      toast(t(vendor === null ? "vendor.added" : "vendor.saved", { name: saved.name }), "success");
      props.onSaved(saved);
    }
  };
  const setContact = (at: number, change: Partial<VendorContact>) =>
    setContacts((list) =>
      list.map((contact, i) => (i === at ? { ...contact, ...change } : contact)),
    );
  const contactError =
    refused.fields.contact_email ??
    refused.fields.contact_name ??
    refused.fields.contact_role ??
    refused.fields.contact_phone;

  return (
    <Dialog
      title={t(props.vendor === null ? "vendor.addTitle" : "vendor.editTitle")}
      onClose={props.onClose}
      size="lg"
      testId="vendor-dialog"
      dirty={dirty}
      onKeyDown={(event) => {
        if ((event.ctrlKey || event.metaKey) && event.key === "s") {
          event.preventDefault();
          void save();
        }
      }}
      footer={
        <>
          <Button onClick={props.onClose}>{t("common.cancel")}</Button>
          <Button
            variant="primary"
            busy={busy}
            onClick={() => void save()}
            data-testid="vendor-save"
          >
            {t("common.save")}
          </Button>
        </>
      }
    >
      <form
        ref={form}
        className="vendor-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <div className="form-row">
          <Field label={t("vendor.field.name")} error={refused.fields.name} required>
            <input
              value={name}
              data-autofocus
              data-testid="vendor-field-name"
              onChange={(event) => setName(event.target.value)}
            />
          </Field>
          <Field
            label={t("vendor.field.business_number")}
            error={refused.fields.business_number}
            hint={t("vendor.field.business_numberHint")}
            required
            testId="vendor-field-business_number-wrap"
          >
            <input
              value={number}
              inputMode="numeric"
              className="mono"
              data-testid="vendor-field-business_number"
              onChange={(event) => setNumber(event.target.value)}
            />
          </Field>
        </div>
        <Field
          label={t("vendor.field.categories")}
          error={refused.fields.categories}
          hint={t("vendor.field.categoriesHint")}
        >
          <input
            value={categories}
            data-testid="vendor-field-categories"
            onChange={(event) => setCategories(event.target.value)}
          />
        </Field>
        <fieldset className="vendor-contacts" data-testid="vendor-contacts">
          <legend className="field-label">{t("vendor.contacts")}</legend>
          {contacts.map((contact, at) => (
            <div className="vendor-contact-row" key={at} data-testid="vendor-contact-row">
              {contactFields.map((field) => (
                <input
                  key={field}
                  value={contact[field]}
                  placeholder={t(`vendor.contact.${field}`)}
                  aria-label={`${t(`vendor.contact.${field}`)} ${at + 1}`}
                  type={field === "email" ? "email" : field === "phone" ? "tel" : "text"}
                  data-testid={`vendor-contact-${field}`}
                  onChange={(event) => setContact(at, { [field]: event.target.value })}
                />
              ))}
              <button
                type="button"
                className="icon-btn"
                aria-label={t("vendor.contact.remove", { n: at + 1 })}
                title={t("vendor.contact.remove", { n: at + 1 })}
                onClick={() => setContacts((list) => list.filter((_, i) => i !== at))}
              >
                <Icon name="x" size={14} />
              </button>
            </div>
          ))}
          {contactError !== undefined && (
            <p className="field-error" role="alert" data-testid="vendor-contact-error">
              {contactError}
            </p>
          )}
          <Button
            size="sm"
            variant="ghost"
            icon={<Icon name="plus" size={14} />}
            onClick={() => setContacts((list) => [...list, noContact])}
            data-testid="vendor-contact-add"
          >
            {t("vendor.contact.add")}
          </Button>
        </fieldset>
        <Field label={t("vendor.field.notes")} error={refused.fields.notes}>
          <textarea
            value={notes}
            rows={3}
            data-testid="vendor-field-notes"
            onChange={(event) => setNotes(event.target.value)}
          />
        </Field>
        {refused.lines.length > 0 && (
          <ul className="problem-list" role="alert" data-testid="vendor-problems">
            {refused.lines.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        )}
      </form>
    </Dialog>
  );
}
