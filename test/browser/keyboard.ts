import type { Locator, Page } from 'playwright-core';

/** True when the element has focus inside its own tree (document or shadow root). */
export function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => (el.getRootNode() as Document | ShadowRoot).activeElement === el);
}

/** Presses Tab, as a keyboard user would, until `locator` has focus. */
export async function tabTo(page: Page, locator: Locator, maxPresses = 40): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (await isFocused(locator)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${locator}`);
}

/** Tabs into a radiogroup, then uses arrow keys (never the mouse) until `option` is checked. */
export async function chooseByArrows(page: Page, group: Locator, option: string): Promise<void> {
  const radios = group.getByRole('radio');
  const count = await radios.count();
  for (let i = 0; i < 40; i++) {
    const focusedInGroup = await group.evaluate((el) => el.contains((el.getRootNode() as ShadowRoot).activeElement));
    if (focusedInGroup) break;
    await page.keyboard.press('Tab');
  }
  const target = group.getByRole('radio', { name: option, exact: true });
  for (let i = 0; i <= count; i++) {
    if (await target.isChecked()) return;
    await page.keyboard.press('ArrowRight');
  }
  throw new Error(`arrow keys never checked "${option}"`);
}
