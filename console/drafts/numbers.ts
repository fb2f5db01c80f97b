/** A number field as typed → the number to send; blank or garbage goes out as null so the server names the field. */
export const toNumber = (text: string): number | null => {
  const value = Number(text.trim());
  return text.trim() === '' || !Number.isFinite(value) ? null : value;
};

/** An API body as a form sends it: the number fields `K` may be null (left blank), for the server to name. */
export type AsTyped<T, K extends keyof T> = Omit<T, K> & { [P in K]: number | null };
