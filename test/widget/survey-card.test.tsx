// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UiLocale } from '../../shared/localize.ts';
import type { ClientSurvey } from '../../shared/schemas/survey.ts';
import type { Answer } from '../../widget/survey-ui.ts';
import { SurveyCard, THANKS_CLOSE_MS } from '../../widget/ui/card.tsx';
import { clientSurvey } from './fixtures.ts';

const QUESTION = 'How likely are you to recommend Acme?';
const EN_FACTORS = [
  'Very negative influence',
  'Negative influence',
  'Slightly negative influence',
  'No influence',
  'Slightly positive influence',
  'Positive influence',
  'Very positive influence',
];

function renderCard(survey: ClientSurvey = clientSurvey(), locale: UiLocale = 'en') {
  const answers: Answer[] = [];
  const onClose = vi.fn();
  render(<SurveyCard survey={survey} locale={locale} onAnswer={(a) => answers.push(a)} onClose={onClose} />);
  return { answers, onClose };
}

const button = (name: string) => screen.getByRole('button', { name });
const scoreScale = () => screen.getByRole('radiogroup', { name: QUESTION });

afterEach(cleanup);

describe('score step', () => {
  it('is a radiogroup named by the question, with radios named 0 to 10', () => {
    renderCard();
    const names = within(scoreScale())
      .getAllByRole('radio')
      .map((radio) => radio.getAttribute('aria-label') ?? radio.parentElement?.textContent);
    expect(names).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    for (const name of names) expect(within(scoreScale()).getByRole('radio', { name })).toBeTruthy();
  });

  it('describes the ends of the scale', () => {
    renderCard();
    expect(screen.getByRole('radio', { name: '0', description: 'Not at all likely' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: '10', description: 'Extremely likely' })).toBeTruthy();
    expect(screen.getByRole('radiogroup', { name: QUESTION, description: 'Not at all likely Extremely likely' })).toBeTruthy();
  });

  it('is a non-modal dialog with a name, showing the step', () => {
    renderCard();
    const dialog = screen.getByRole('dialog', { name: 'Feedback survey' });
    expect(dialog.getAttribute('aria-modal')).toBe('false');
    expect(dialog.textContent).toContain('Step 1 of 3');
  });

  it('keeps Next disabled until a score is chosen, and choosing does not advance', () => {
    const { answers } = renderCard();
    expect(button('Next').getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(button('Next'));
    expect(answers).toEqual([]);
    expect(scoreScale()).toBeTruthy();

    fireEvent.click(screen.getByRole('radio', { name: '7' }));
    expect((screen.getByRole('radio', { name: '7' }) as HTMLInputElement).checked).toBe(true);
    expect(scoreScale()).toBeTruthy();
    expect(answers).toEqual([]);
    expect(button('Next').getAttribute('aria-disabled')).toBe('false');
  });

  it('reports the score when Next is pressed', () => {
    const { answers } = renderCard();
    fireEvent.click(screen.getByRole('radio', { name: '0' }));
    fireEvent.click(button('Next'));
    expect(answers).toEqual([{ score: 0 }]);
  });
});

describe('touchpoint step', () => {
  function toTouchpoints(locale: UiLocale = 'en', score = '9') {
    const card = renderCard(clientSurvey(), locale);
    fireEvent.click(screen.getByRole('radio', { name: score }));
    fireEvent.click(button(locale === 'ja' ? '次へ' : 'Next'));
    return card;
  }

  it('has one radiogroup per touchpoint, named by its label, with the influence options and Not applicable', () => {
    toTouchpoints();
    for (const label of ['Help docs', 'Support']) {
      const group = screen.getByRole('radiogroup', { name: label });
      const radios = within(group).getAllByRole('radio');
      expect(radios.map((r) => r.getAttribute('aria-label') ?? r.parentElement?.textContent)).toEqual(['Not applicable', ...EN_FACTORS]);
      expect((within(group).getByRole('radio', { name: 'Not applicable' }) as HTMLInputElement).checked).toBe(true);
    }
    expect(screen.getByText('Step 2 of 3')).toBeTruthy();
  });

  it('names the options in Japanese', () => {
    toTouchpoints('ja');
    const group = screen.getByRole('radiogroup', { name: 'サポート' });
    for (const name of ['該当なし', 'とてもマイナスに影響した', '影響しなかった', 'とてもプラスに影響した']) {
      expect(within(group).getByRole('radio', { name })).toBeTruthy();
    }
  });

  it('reports chosen influences and leaves skipped touchpoints out', () => {
    const { answers } = toTouchpoints('en', '3');
    const support = screen.getByRole('radiogroup', { name: 'Support' });
    fireEvent.click(within(support).getByRole('radio', { name: 'Very negative influence' }));
    expect(screen.getByRole('radiogroup', { name: 'Support' })).toBeTruthy();
    fireEvent.click(button('Next'));
    expect(answers).toEqual([{ score: 3 }, { score: 3, factors: { support: -3 } }]);
  });

  it('drops an influence set back to Not applicable', () => {
    const { answers } = toTouchpoints();
    const docs = screen.getByRole('radiogroup', { name: 'Help docs' });
    fireEvent.click(within(docs).getByRole('radio', { name: 'Positive influence' }));
    fireEvent.click(within(docs).getByRole('radio', { name: 'Not applicable' }));
    fireEvent.click(button('Next'));
    expect(answers.at(-1)).toEqual({ score: 9 });
  });

  it('goes back to the score, keeping it', () => {
    toTouchpoints();
    fireEvent.click(button('Back'));
    expect((within(scoreScale()).getByRole('radio', { name: '9' }) as HTMLInputElement).checked).toBe(true);
  });

  it('is skipped when the survey has no touchpoints', () => {
    const { answers } = renderCard(clientSurvey({ touchpoints: [] }));
    expect(screen.getByText('Step 1 of 2')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: '10' }));
    fireEvent.click(button('Next'));
    expect(screen.getByRole('textbox', { name: 'Anything else you would like to tell us? (optional)' })).toBeTruthy();
    expect(screen.queryAllByRole('radiogroup')).toEqual([]);
    expect(answers).toEqual([{ score: 10 }]);
  });
});

describe('comment step and thank-you', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function toComment() {
    const card = renderCard();
    fireEvent.click(screen.getByRole('radio', { name: '6' }));
    fireEvent.click(button('Next'));
    fireEvent.click(within(screen.getByRole('radiogroup', { name: 'Help docs' })).getByRole('radio', { name: 'Slightly positive influence' }));
    fireEvent.click(button('Next'));
    return card;
  }

  it('reports the comment on Submit, then thanks and closes itself', async () => {
    const { answers, onClose } = toComment();
    const comment = screen.getByRole('textbox', { name: 'Anything else you would like to tell us? (optional)' });
    expect(comment.getAttribute('maxlength')).toBe('2000');
    fireEvent.input(comment, { target: { value: '  Invoices are slow  ' } });
    fireEvent.click(button('Submit'));
    expect(answers.at(-1)).toEqual({ score: 6, factors: { docs: 1 }, comment: 'Invoices are slow' });
    expect(screen.getByText('Thank you for your feedback!')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Submit' })).toBeNull();

    await vi.advanceTimersByTimeAsync(THANKS_CLOSE_MS - 100);
    expect(onClose).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(100);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('can be closed from the thank-you at once', () => {
    const { onClose } = toComment();
    fireEvent.click(button('Submit'));
    fireEvent.click(button('Close'));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('announces the card politely once it is on screen', async () => {
    renderCard();
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(status.textContent).toBe('Feedback survey');
  });
});

describe('closing', () => {
  it('closes on Esc pressed inside the card, without letting the page see that Esc', () => {
    const { onClose } = renderCard();
    const pageSaw = vi.fn();
    document.addEventListener('keydown', pageSaw);
    fireEvent.keyDown(screen.getByRole('radio', { name: '4' }), { key: 'Escape' });
    document.removeEventListener('keydown', pageSaw);
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(pageSaw).not.toHaveBeenCalled();
  });

  it('ignores Esc pressed elsewhere in the page', () => {
    const { onClose } = renderCard();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(onClose).not.toHaveBeenCalled();
  });

  it('closes with the Close button', () => {
    const { onClose } = renderCard();
    fireEvent.click(button('Close'));
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});

describe('focus', () => {
  it('does not take focus when it appears', () => {
    const input = document.body.appendChild(document.createElement('input'));
    input.focus();
    renderCard();
    expect(document.activeElement).toBe(input);
    input.remove();
  });

  it('moves focus to the next step heading when focus was in the card', () => {
    renderCard();
    fireEvent.click(screen.getByRole('radio', { name: '8' }));
    button('Next').focus();
    fireEvent.click(button('Next'));
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'How did each of these influence your score?' }));
  });

  it('leaves focus alone when the step changes while focus is outside the card', () => {
    renderCard();
    fireEvent.click(screen.getByRole('radio', { name: '8' }));
    const input = document.body.appendChild(document.createElement('input'));
    input.focus();
    fireEvent.click(button('Next'));
    expect(document.activeElement).toBe(input);
    input.remove();
  });
});

describe('Japanese', () => {
  it('renders every built-in string in Japanese', () => {
    renderCard(clientSurvey(), 'ja');
    expect(screen.getByRole('dialog', { name: 'アンケート' })).toBeTruthy();
    expect(screen.getByRole('radiogroup', { name: 'Acmeをすすめる可能性は？' })).toBeTruthy();
    expect(screen.getByText('全く思わない')).toBeTruthy();
    expect(screen.getByText('非常にそう思う')).toBeTruthy();
    expect(screen.getByText('3 問中 1 問目')).toBeTruthy();
    expect(screen.getByRole('button', { name: '閉じる' })).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: '5' }));
    fireEvent.click(screen.getByRole('button', { name: '次へ' }));
    expect(screen.getByText('次の点は、今回の評価にどのように影響しましたか？')).toBeTruthy();
    expect(screen.getByRole('button', { name: '戻る' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '次へ' }));
    expect(screen.getByRole('textbox', { name: 'ほかにご意見があればお聞かせください（任意）' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '送信' }));
    expect(screen.getByText('ご回答ありがとうございました。')).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/[A-Za-z]{3,}/);
  });
});
