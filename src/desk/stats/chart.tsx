/**
 * Cases per week as a bar chart, drawn on the server as inline SVG: no script, no library, no
 * second request. It scales to the width of the page (a phone is about 330px of it), names itself
 * to screen readers with <title> and <desc> (every week and its count), and each bar carries its
 * own <title>. Labels are in the picture's own units, large enough to read at 360px.
 */
import type { WeekCount } from '../../domain/stats';
import type { StatsWords } from './text';

const WIDTH = 360;
const HEIGHT = 210;
const TOP = 24;
const BOTTOM = 44;
const SIDE = 6;

/** "16" over "Nov": two short lines fit under a bar where "16/11" would overlap its neighbours. */
function dayAndMonth(week: string, words: StatsWords): [string, string] {
  return [String(Number(week.slice(8, 10))), words.monthsShort[Number(week.slice(5, 7)) - 1] ?? ''];
}

export function WeeksChart(props: { weeks: readonly WeekCount[]; words: StatsWords }) {
  const w = props.words;
  const n = props.weeks.length;
  const max = Math.max(1, ...props.weeks.map((x) => x.count));
  const plot = HEIGHT - TOP - BOTTOM;
  const slot = (WIDTH - 2 * SIDE) / n;
  const bar = slot * 0.66;
  const label = (x: WeekCount) => w.chartWeek({ date: dayAndMonth(x.week, w).join(' '), count: x.count });
  return (
    <figure class="chart">
      <svg
        xmlns="http://www.w3.org/2000/svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-labelledby="weeks-title weeks-desc"
        font-family="system-ui, sans-serif"
      >
        <title id="weeks-title">{w.chartTitle}</title>
        <desc id="weeks-desc">{w.chartDesc({ weeks: props.weeks.map(label).join('; ') })}</desc>
        <line x1={SIDE} x2={WIDTH - SIDE} y1={TOP + plot} y2={TOP + plot} stroke="#555" stroke-width="1" />
        {props.weeks.map((x, i) => {
          const h = Math.round((x.count / max) * plot * 10) / 10;
          const left = SIDE + i * slot + (slot - bar) / 2;
          const mid = SIDE + i * slot + slot / 2;
          const [day, month] = dayAndMonth(x.week, w);
          return (
            <g>
              <title>{label(x)}</title>
              <rect class="bar" data-week={x.week} x={left.toFixed(1)} y={(TOP + plot - h).toFixed(1)} width={bar.toFixed(1)} height={h.toFixed(1)} fill="#0b3d5c" />
              <text x={mid.toFixed(1)} y={(TOP + plot - h - 5).toFixed(1)} text-anchor="middle" font-size="13" fill="#1b1b1b">
                {x.count}
              </text>
              <text x={mid.toFixed(1)} y={TOP + plot + 16} text-anchor="middle" font-size="12" fill="#1b1b1b">
                {day}
              </text>
              <text x={mid.toFixed(1)} y={TOP + plot + 30} text-anchor="middle" font-size="11" fill="#555">
                {month}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>{w.chartAxis}</figcaption>
    </figure>
  );
}
