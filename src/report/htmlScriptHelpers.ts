// Helpers the page script of report.html shares between its charts (htmlScript.ts): slot labels
// for a timeline, a histogram over minutes whose bars each span their bin on a linear axis (so a
// bar sits centred between its edges, not beside a category label), and durations on a log axis.

export const HELPERS_SCRIPT = String.raw`
  // "09:00" when the slots stay within a day, "09-02 09:00" otherwise.
  function slotLabels(bins) {
    var sameDay = bins[0].from.slice(0, 10) === bins[bins.length - 1].from.slice(0, 10);
    return bins.map(function (b) { return sameDay ? b.from.slice(11, 16) : b.from.slice(5, 16).replace('T', ' '); });
  }

  // A tick every nice number of minutes, about a dozen across the axis.
  function minuteStep(max) {
    var nice = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080];
    for (var i = 0; i < nice.length; i++) if (max / nice[i] <= 12) return nice[i];
    return Math.ceil(max / 12 / 1440) * 1440;
  }

  // Bins of 'width' minutes ({ fromMinutes, toMinutes, [key]: count }), stacked per series, each bar
  // spanning its bin; a red line marks one hour where the axis reaches it. 'extra' adds a line on a right-hand axis and its mark.
  function minuteHistogram(el, width, bins, series, yTitle, xTitle, extra) {
    var max = bins.length ? bins[bins.length - 1].toMinutes : 60;
    var datasets = series.map(function (s) {
      return { type: 'bar', label: s.label, backgroundColor: s.color, stack: 'h', barPercentage: 1, categoryPercentage: 1, borderWidth: 0, order: 2,
        data: bins.map(function (b) { return { x: (b.fromMinutes + b.toMinutes) / 2, y: b[s.key] }; }) };
    });
    var scales = {
      x: { type: 'linear', min: 0, max: max, offset: false, stacked: true, grid: { display: false }, ticks: { stepSize: minuteStep(max), maxRotation: 0 },
           title: { display: true, text: xTitle + ' (' + width + '-minute bins)' } },
      y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: yTitle } }
    };
    // The one-hour mark, where the axis reaches it.
    var annotations = max < 60 ? {} : { hour: { type: 'line', xMin: 60, xMax: 60, borderColor: '#b3261e', borderWidth: 2,
      label: { display: true, content: 'one hour', position: 'start', backgroundColor: '#b3261e', font: { size: 12 } } } };
    if (extra) { datasets.push(extra.line); scales.share = extra.axis; annotations.target = extra.target; }
    new Chart(el, {
      type: 'bar',
      data: { datasets: datasets },
      options: {
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        scales: scales,
        plugins: { legend: { position: 'top', align: 'end' }, annotation: { annotations: annotations },
          tooltip: { callbacks: { title: function (items) { var x = items[0].raw.x; return x === undefined ? '' : (x - width / 2) + '\u2013' + (x + width / 2) + ' min'; } } } }
      }
    });
  }

  // Durations on a log axis: ticks at times people name, labelled so.
  var DURATION_TICKS = [1, 10, 60, 600, 3600, 6 * 3600, 86400, 7 * 86400, 30 * 86400];
  function durationLabel(s) {
    if (s < 60) return s + ' s';
    if (s < 3600) return s / 60 + ' min';
    if (s < 86400) return s / 3600 + ' h';
    return (s / 86400 >= 7 && s % (7 * 86400) === 0 ? s / (7 * 86400) + ' wk' : s / 86400 + ' d');
  }
`;
