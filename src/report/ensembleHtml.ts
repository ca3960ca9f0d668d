// An ensemble as one self-contained web page (ensemble.html): per figure, a chart of each grid
// point's spread across seeds (p5..p95 as a bar, p50 and the mean as marks, the G20 target as a
// line) and the same for the paired differences against point 0, with the tables of ensemble.md.
// Chart.js is inlined as in report.html and a Content-Security-Policy forbids loading anything.

import { ENSEMBLE_KEYS, TARGETS, type Ensemble, type Stats } from './ensemble.js';
import { pointLabel, replayLine } from './ensembleMarkdown.js';
import { escapeHtml as e, jsonSafe, pageHead, scriptSafe, type InlineLibrary } from './html.js';

/** Draws every canvas from the embedded data; plain ES2020 run as it stands in the browser. */
const PAGE_SCRIPT = `
(function () {
  var data = JSON.parse(document.getElementById('ensemble-data').textContent);
  var num = function (s) { return s === null ? null : Number(s); };
  function draw(id, labels, stats, target) {
    var canvas = document.getElementById(id);
    if (!canvas) return;
    var annotations = {};
    if (target) annotations.target = { type: 'line', yMin: target.value, yMax: target.value, borderColor: '#b3261e', borderWidth: 2, borderDash: [6, 4],
      label: { display: true, content: target.label, position: 'end', backgroundColor: 'rgba(179,38,30,0.85)', font: { size: 11 } } };
    new Chart(canvas, {
      data: { labels: labels, datasets: [
        { type: 'bar', label: 'p5 .. p95', data: stats.map(function (s) { return s.p5 === null ? null : [num(s.p5), num(s.p95)]; }), backgroundColor: 'rgba(42,157,111,0.35)', borderColor: '#2a9d6f', borderWidth: 1 },
        { type: 'line', label: 'p50', data: stats.map(function (s) { return num(s.p50); }), showLine: false, pointStyle: 'line', pointRadius: 14, borderWidth: 3, borderColor: '#1d2330' },
        { type: 'line', label: 'mean', data: stats.map(function (s) { return num(s.mean); }), showLine: false, pointRadius: 5, backgroundColor: '#e69f00', borderColor: '#e69f00' }
      ] },
      options: { animation: false, maintainAspectRatio: false, plugins: { annotation: { annotations: annotations }, legend: { position: 'top', align: 'end' } } }
    });
  }
  var pointNames = data.points.map(function (p) { return 'point ' + p.point; });
  data.keys.forEach(function (key) {
    var target = data.targets[key] || null;
    draw('chart-' + key, pointNames, data.points.map(function (p) { return p.stats[key]; }), target);
    if (data.pairedDifferences.length > 0) {
      draw('diff-' + key, data.pairedDifferences.map(function (d) { return 'point ' + d.point + ' - point 0'; }), data.pairedDifferences.map(function (d) { return d.stats[key]; }), { value: 0, label: 'no difference' });
    }
  });
})();
`;

function table(first: string, rows: readonly { label: string; s: Stats }[]): string {
  const c = (v: string | null) => `<td class="n">${v === null ? 'n/a' : e(v)}</td>`;
  const body = rows.map(({ label, s }) => `<tr><td>${e(label)}</td><td class="n">${s.n}</td>${c(s.mean)}${c(s.p5)}${c(s.p50)}${c(s.p95)}<td class="n">${s.ci95 ? `${e(s.ci95[0])} .. ${e(s.ci95[1])}` : 'n/a'}</td></tr>`);
  return `<table><thead><tr><th>${e(first)}</th><th class="n">n</th><th class="n">mean</th><th class="n">p5</th><th class="n">p50</th><th class="n">p95</th><th class="n">95% CI of the mean</th></tr></thead><tbody>${body.join('')}</tbody></table>`;
}

function figureSection(x: Ensemble, key: (typeof ENSEMBLE_KEYS)[number]): string {
  const f = x.figures[key];
  const target = TARGETS[key];
  const label = (point: number) => `${point}: ${pointLabel(x.points[point]!.parameters)}`;
  const paired =
    x.pairedDifferences.length === 0
      ? ''
      : `<h3>Paired differences against point 0, seed by seed</h3>
<div class="chart h320"><canvas id="diff-${key}" role="img" aria-label="${e(f.label)}: each point minus point 0 on the same seeds"></canvas></div>
${table('point minus point 0', x.pairedDifferences.map((d) => ({ label: label(d.point), s: d.stats[key] })))}`;
  return `<h2>${e(f.label)}</h2>
${target ? `<p class="note">Target: ${e(target.label)} (the dashed line).</p>` : ''}
<div class="chart h320"><canvas id="chart-${key}" role="img" aria-label="${e(f.label)} across seeds, per grid point"></canvas></div>
${table('point', x.points.map((p) => ({ label: label(p.point), s: p.stats[key] })))}
${paired}`;
}

/** The page for an ensemble; `libraries` are the inlined browser builds the CLI reads (cli/inlineLibraries.ts). */
export function ensembleHtml(x: Ensemble, libraries: readonly InlineLibrary[]): string {
  const libs = libraries.filter((l) => l.name !== 'chartjs-chart-sankey');
  const broken =
    x.broken.length === 0
      ? `<p class="ok">Every invariant held in all ${x.runs} runs.</p>`
      : `<ul>${x.broken.map((b) => `<li>point ${b.point} (${e(pointLabel(b.parameters))}), seed ${b.seed}: <b>${e(b.invariant)}</b>: ${e(b.detail)}<br><code>${e(replayLine(x, b.seed, b.parameters))}</code></li>`).join('')}</ul>`;
  const view = { keys: ENSEMBLE_KEYS, targets: TARGETS, points: x.points, pairedDifferences: x.pairedDifferences };
  return `${pageHead(`Ensemble: ${x.scenario.name}`)}
<body>
<main>
<h1>Ensemble: ${e(x.scenario.name)}</h1>
<p class="lead">${x.runs} runs: ${x.points.length} grid point${x.points.length === 1 ? '' : 's'} x ${x.seeds.count} seeds (${e(x.seeds.spec)}) of ${e(x.scenario.file)}. Bars span the 5th to 95th percentile across seeds; the dark mark is the median, the dot the mean.</p>
<table><thead><tr><th>point</th><th>parameters</th><th class="n">runs</th><th class="n">runs with a broken invariant</th></tr></thead><tbody>${x.points.map((p) => `<tr><td>${p.point}</td><td>${e(pointLabel(p.parameters))}</td><td class="n">${p.runs}</td><td class="n">${p.brokenRuns}</td></tr>`).join('')}</tbody></table>
${ENSEMBLE_KEYS.map((k) => figureSection(x, k)).join('\n')}
<h2>Invariants</h2>
${broken}
<footer>
<p>Yardsticks: ${e(x.yardsticks.source)}. Scenario sha256 ${e(x.scenario.sha256)}.</p>
<p>Made by railpilot sweep. Charts drawn with ${libs.map((l) => `${e(l.name)} ${e(l.version)} (${e(l.license)})`).join(', ')}, inlined below.</p>
</footer>
</main>
<script type="application/json" id="ensemble-data">${jsonSafe(view)}</script>
${libs.map((l) => `<script>/* ${e(l.name)} ${e(l.version)} */\n${scriptSafe(l.code)}\n</script>`).join('\n')}
<script>${scriptSafe(PAGE_SCRIPT)}</script>
</body>
</html>
`;
}
