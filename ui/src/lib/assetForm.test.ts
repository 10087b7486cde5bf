import { describe, expect, it } from "vitest";
import { blankValues, inputForEdit, inputForRegister, valuesFromAsset } from "./assetForm";
import type { Asset } from "./dto";

const asset: Asset = {
  id: "01J",
  asset_tag: "PT1-SRV-0001",
  asset_type: "server",
  manufacturer: "Dell",
  model: "R750",
  serial: "SN1",
  purchase_date: "2024-03-01",
  cost: { amount_minor: 12_500_000, currency: "KRW" },
  warranty_end: null,
  status: "in_use",
  location: { site: "평택 1센터", room: "A전산실", row: "R03", rack: "R03-12", unit: 21 },
  owner: "김민준",
  notes: "",
  tags: ["gpu", "1차"],
};

describe("form values", () => {
  it("show an asset as editable text", () => {
    const values = valuesFromAsset(asset);
    expect(values.cost).toBe("12,500,000");
    expect(values.unit).toBe("21");
    expect(values.tags).toBe("gpu, 1차");
    expect(values.warranty_end).toBe("");
  });

  it("edit sends only the changed fields, cost and currency together", () => {
    const original = valuesFromAsset(asset);
    expect(inputForEdit(original, { ...original, model: "R760" })).toEqual({ model: "R760" });
    expect(inputForEdit(original, { ...original, owner: "" })).toEqual({ owner: "" });
    expect(inputForEdit(original, { ...original, currency: "USD" })).toEqual({
      cost: "12,500,000",
      currency: "USD",
    });
    expect(inputForEdit(original, { ...original, cost: "" })).toEqual({ cost: "", currency: "" });
    expect(inputForEdit(original, original)).toEqual({});
  });

  it("register sends filled fields, and no currency without a cost", () => {
    expect(inputForRegister({ ...blankValues(), asset_tag: "A-1" })).toEqual({
      asset_tag: "A-1",
      asset_type: "server",
      status: "in_stock",
    });
    expect(
      inputForRegister({ ...blankValues(), asset_tag: "A-1", cost: "100", currency: "USD" }),
    ).toMatchObject({ cost: "100", currency: "USD" });
  });
});
