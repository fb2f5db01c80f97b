/** Room left around the target inside the cut-out. */
const PAD = 6;

/**
 * Dims the page with an SVG path; `hole` is cut out of it (even-odd fill), so the target stays
 * visible and clickable without touching the page's stacking (no z-index on host elements).
 * Only the dimmed area takes pointer events.
 */
export function Spotlight({ hole, win }: { hole: DOMRect | null; win: Window }) {
  const w = win.innerWidth;
  const h = win.innerHeight;
  let d = `M0 0H${w}V${h}H0Z`;
  if (hole) {
    const x = Math.round(hole.left - PAD);
    const y = Math.round(hole.top - PAD);
    d += `M${x} ${y}h${Math.round(hole.width + 2 * PAD)}v${Math.round(hole.height + 2 * PAD)}h${-Math.round(hole.width + 2 * PAD)}Z`;
  }
  return (
    <svg class="spot" aria-hidden="true" width={w} height={h} viewBox={`0 0 ${w} ${h}`}>
      <path fill-rule="evenodd" d={d} />
    </svg>
  );
}
