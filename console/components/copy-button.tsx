import { useSignal } from '@preact/signals';
import { t } from '../i18n/index.ts';

/** Copies `text` to the clipboard and says so (or that it could not) in a live region. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const status = useSignal<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      status.value = 'copied';
    } catch {
      status.value = 'failed';
    }
  };
  return (
    <span class="copy">
      <button type="button" onClick={copy}>
        {label}
      </button>
      <span role="status" class={status.value === 'failed' ? 'error-text' : 'ok-text'}>
        {status.value === 'copied' ? t.value.common.copied : status.value === 'failed' ? t.value.common.copyFailed : ''}
      </span>
    </span>
  );
}
