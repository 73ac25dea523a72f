import { describe, expect, it } from "vitest";
import { addMoney, formatMoney, money, multiplyMoney, negateMoney, subtractMoney } from "./money";

describe("money", () => {
  it.each([
    { cents: 71, quantity: 1.15, result: 82 },
    { cents: 30, quantity: 12.55, result: 377 },
    { cents: 22, quantity: 80, result: 1760 },
    { cents: -71, quantity: 1.15, result: -82 },
    { cents: 10, quantity: 0.04, result: 0 },
    { cents: 10, quantity: 0.05, result: 1 },
  ])("$cents × $quantity = $result cents", ({ cents, quantity, result }) => {
    expect(multiplyMoney(money(cents), quantity).cents).toBe(result);
  });

  it("adds, subtracts and negates in cents", () => {
    expect(addMoney(money(10), money(20)).cents).toBe(30);
    expect(subtractMoney(money(10), money(20)).cents).toBe(-10);
    expect(negateMoney(money(0)).cents).toBe(0);
    expect(Object.is(negateMoney(money(0)).cents, -0)).toBe(false);
  });

  it("refuses fractional cents", () => {
    expect(() => money(1.5)).toThrow(RangeError);
  });

  it.each([
    { cents: 0, text: "$0.00" },
    { cents: 5, text: "$0.05" },
    { cents: -1999, text: "-$19.99" },
    { cents: 100000000, text: "$1,000,000.00" },
  ])("formats $cents as $text", ({ cents, text }) => {
    expect(formatMoney(money(cents))).toBe(text);
  });
});
