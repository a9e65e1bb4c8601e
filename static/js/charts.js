// Draws every <canvas data-chart="bar" data-chart-source="ID"> from the JSON in
// <script type="application/json" id="ID"> ({labels, values, label, unit}). The Korean web font is
// loaded first so canvas text never falls back to a font without Hangul.
(function () {
  "use strict";
  // A plugin of this page (Chart.js has no value labels of its own): the value and unit at
  // the end of each bar, e.g. "1,234명" or "45.5%".
  function barValues(unit, locale) {
    return {
      id: "vnBarValues",
      afterDatasetsDraw: function (chart) {
        var ctx = chart.ctx;
        var horizontal = chart.options.indexAxis === "y";
        ctx.save();
        ctx.fillStyle = "#1e2124";
        ctx.font = '600 13px "Pretendard GOV", sans-serif';
        chart.data.datasets.forEach(function (dataset, index) {
          chart.getDatasetMeta(index).data.forEach(function (bar, i) {
            var value = dataset.data[i];
            if (value === null || value === undefined) return;
            var text = Number(value).toLocaleString(locale) + unit;
            var negative = value < 0;
            if (horizontal) {
              ctx.textAlign = negative ? "right" : "left";
              ctx.textBaseline = "middle";
              ctx.fillText(text, bar.x + (negative ? -4 : 4), bar.y);
            } else {
              ctx.textAlign = "center";
              ctx.textBaseline = negative ? "top" : "bottom";
              ctx.fillText(text, bar.x, bar.y + (negative ? 4 : -4));
            }
          });
        });
        ctx.restore();
      },
    };
  }
  function draw() {
    if (!window.Chart) return;
    window.Chart.defaults.font.family = '"Pretendard GOV", sans-serif';
    window.Chart.defaults.font.size = 14;
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var source = document.getElementById(canvas.dataset.chartSource);
      if (!source) return;
      var data = JSON.parse(source.textContent);
      var horizontal = data.labels.length > 8;
      var locale = document.documentElement.lang || "ko";
      // Every axis of values is titled with what it counts and its unit (data.label, e.g.
      // "재학생 수(명)"), and every bar carries its value with the unit (data.unit).
      var valueAxis = {
        title: { display: Boolean(data.label), text: data.label },
        grace: "12%",
      };
      new window.Chart(canvas, {
        plugins: [barValues(data.unit || "", locale)],
        type: canvas.dataset.chart,
        data: {
          labels: data.labels,
          datasets: [{ label: data.label, data: data.values, backgroundColor: "#3f7fdb" }],
        },
        options: {
          // Axis numbers grouped the page's way (document lang: ko or en).
          locale: locale,
          animation: false,
          maintainAspectRatio: false,
          indexAxis: horizontal ? "y" : "x",
          scales: horizontal ? { x: valueAxis } : { y: valueAxis },
          plugins: { legend: { display: false } },
        },
      });
    });
  }
  var ready = document.fonts && document.fonts.load
    ? Promise.all([
        document.fonts.load('400 14px "Pretendard GOV"', "가나다"),
        document.fonts.load('700 14px "Pretendard GOV"', "가나다"),
      ])
    : Promise.resolve();
  window.addEventListener("DOMContentLoaded", function () {
    ready.then(draw, draw);
  });
})();
