import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { UI_LOCALES, type UiLocale } from '../../shared/localize.ts';
import type { ClientSurvey } from '../../shared/schemas/survey.ts';
import { CARD_CSS } from '../../widget/ui/card-styles.ts';
import { SurveyCard } from '../../widget/ui/card.tsx';
import { createShadowHost } from '../../widget/ui/shadow-host.ts';
import { LANGUAGE_NAMES, locale, t } from '../i18n/index.ts';
import { Section } from './section.tsx';

/** In the preview the card sits in its frame instead of floating over the page. */
const PREVIEW_CSS = `${CARD_CSS}
.card { position: relative; right: auto; bottom: auto; width: 100%; max-width: 440px; max-height: none; box-shadow: none; }
`;
export const PREVIEW_HOST_TAG = 'kizuna-preview';

/**
 * The widget's real survey card for the survey being edited, in a shadow root with the card's own
 * CSS exactly as in a host page, following every keystroke. Closing it (or the thank-you timing
 * out) starts it over; nothing is sent.
 */
export function SurveyPreview({ survey }: { survey: ClientSurvey }) {
  const m = t.value.surveys;
  const frame = useRef<HTMLDivElement>(null);
  const [mountPoint, setMountPoint] = useState<HTMLElement | null>(null);
  const [previewLocale, setPreviewLocale] = useState<UiLocale>(locale.value);
  const [round, setRound] = useState(0);

  useEffect(() => {
    // The widget's own shadow host (constructable stylesheet, the same reset), moved into the frame.
    const host = createShadowHost(document, PREVIEW_CSS, PREVIEW_HOST_TAG);
    frame.current?.append((host.mountPoint.getRootNode() as ShadowRoot).host);
    setMountPoint(host.mountPoint);
    return () => {
      render(null, host.mountPoint);
      host.remove();
    };
  }, []);

  useEffect(() => {
    if (!mountPoint) return;
    render(
      // The card keeps its step while texts change; it starts over when its steps do (touchpoints or none) or it closes.
      <SurveyCard key={`${round}-${survey.touchpoints.length > 0}`} survey={survey} locale={previewLocale} onAnswer={() => {}} onClose={() => setRound((n) => n + 1)} />,
      mountPoint,
    );
  });

  return (
    <Section title={m.preview} class="preview">
      <p class="hint">{m.previewHint}</p>
      <fieldset class="segmented">
        <legend>{m.previewLanguage}</legend>
        {UI_LOCALES.map((code) => (
          <label key={code}>
            <input type="radio" name="preview-locale" value={code} checked={previewLocale === code} onChange={() => setPreviewLocale(code)} />
            <span lang={code}>{LANGUAGE_NAMES[code]}</span>
          </label>
        ))}
      </fieldset>
      <div class="preview-frame" ref={frame} />
    </Section>
  );
}
