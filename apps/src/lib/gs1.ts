// GS1 identifiers as pallet-supply-chain checks them: GTIN-14 with its check digit, lot and
// serial numbers of 1 to 20 characters from GS1's character set 82. Checked here first so that a
// typo is caught before it costs a fee; the chain checks again.

import { stringToU8a } from '@polkadot/util';

/** The GS1 check digit of the first 13 digits. */
export function gtinCheckDigit(body: string): number {
  if (!/^\d{13}$/.test(body)) throw new Error('a GTIN-14 body is 13 digits');
  let sum = 0;
  [...body].reverse().forEach((digit, position) => {
    sum += Number(digit) * (position % 2 === 0 ? 3 : 1);
  });
  return (10 - (sum % 10)) % 10;
}

/** Whether `gtin` is 14 digits with a valid check digit. */
export function isValidGtin(gtin: string): boolean {
  return /^\d{14}$/.test(gtin) && gtinCheckDigit(gtin.slice(0, 13)) === Number(gtin[13]);
}

/** A GTIN-14 from 13 digits, with its check digit appended. */
export function gtinFromBody(body: string): string {
  return `${body}${gtinCheckDigit(body)}`;
}

/** The GTIN as the chain stores it: its 14 ASCII digits. Throws on a malformed GTIN. */
export function gtinBytes(gtin: string): Uint8Array {
  if (!isValidGtin(gtin)) throw new Error(`"${gtin}" is not a GTIN-14 (14 digits, the last a valid GS1 check digit)`);
  return stringToU8a(gtin);
}

/** GS1 character set 82 (ASCII letters, digits and ! " % & ' ( ) * + , - . / : ; < = > ? _), 1 to 20 of them. */
const CSET82_1_TO_20 = /^[A-Za-z0-9!"%&'()*+,\-./:;<=>?_]{1,20}$/;

/** GS1 AI 10 lot numbers: 1 to 20 characters of character set 82. */
export function isValidLot(lot: string): boolean {
  return CSET82_1_TO_20.test(lot);
}

/** GS1 AI 21 serial numbers: 1 to 20 characters of character set 82 (as lots). */
export function isValidSerial(serial: string): boolean {
  return CSET82_1_TO_20.test(serial);
}

/**
 * Whether raw bytes (a scanned code, possibly not text at all) are a GS1 AI 21 serial: 1 to 20
 * bytes, each the ASCII code of a character of set 82. What the chain checks.
 */
export function isValidSerialBytes(bytes: Uint8Array): boolean {
  if (bytes.length < 1 || bytes.length > 20) return false;
  return bytes.every((byte) => byte < 0x80 && CSET82_1_TO_20.test(String.fromCharCode(byte)));
}
