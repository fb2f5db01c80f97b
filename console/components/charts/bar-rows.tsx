export interface Bar {
  /** What the bar is (its series), for the legend and the bar's tooltip. */
  name: string;
  value: number | null;
  /** Colour class (`detractor`, `overall`, …). */
  class: string;
  /** The value as printed next to the bar. */
  text: string;
}

export interface BarRow {
  label: string;
  bars: Bar[];
}

const WIDTH = 100;
const BAR_HEIGHT = 8;
const GAP = 2;

/**
 * Horizontal bars, one group per row, on a common scale `[min, max]`; with `min < 0` the bars
 * diverge from a zero line (negative to the left). Labels and values are HTML beside the bars, so
 * long Japanese names wrap instead of being cut off.
 */
export function BarRows({ rows, min, max }: { rows: BarRow[]; min: number; max: number }) {
  const span = max - min || 1;
  const x = (value: number) => ((value - min) / span) * WIDTH;
  const zero = x(Math.max(min, 0));
  return (
    <div class="bar-rows">
      {rows.map((row) => {
        const height = row.bars.length * (BAR_HEIGHT + GAP) - GAP;
        return (
          <div class="bar-row" key={row.label}>
            <div class="bar-label">{row.label}</div>
            <svg viewBox={`0 0 ${WIDTH} ${height}`} preserveAspectRatio="none" height={height * 1.5}>
              {min < 0 && <line class="zero" x1={zero} x2={zero} y1={0} y2={height} vector-effect="non-scaling-stroke" />}
              {row.bars.map((bar, i) =>
                bar.value === null ? null : (
                  <rect
                    key={bar.name}
                    class={`bar ${bar.class}`}
                    x={Math.min(zero, x(bar.value))}
                    y={i * (BAR_HEIGHT + GAP)}
                    width={Math.max(Math.abs(x(bar.value) - zero), 0.5)}
                    height={BAR_HEIGHT}
                  >
                    <title>{`${bar.name}: ${bar.text}`}</title>
                  </rect>
                ),
              )}
            </svg>
            <div class="bar-values">
              {row.bars.map((bar) => (
                <span key={bar.name} class={`bar-value ${bar.class}`}>
                  {bar.text}
                </span>
              ))}
            </div>
          </div>
        );
      })}
    </div>
  );
}
