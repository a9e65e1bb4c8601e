// Draws every <canvas data-chart="bar" data-chart-source="ID"> from the JSON in
// <script type="application/json" id="ID"> ({labels, values, label}). The Korean web font is
// loaded first so canvas text never falls back to a font without Hangul.
(function () {
  "use strict";
  function draw() {
    if (!window.Chart) return;
    window.Chart.defaults.font.family = '"Pretendard GOV", sans-serif';
    window.Chart.defaults.font.size = 14;
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var source = document.getElementById(canvas.dataset.chartSource);
      if (!source) return;
      var data = JSON.parse(source.textContent);
      new window.Chart(canvas, {
        type: canvas.dataset.chart,
        data: {
          labels: data.labels,
          datasets: [{ label: data.label, data: data.values, backgroundColor: "#3f7fdb" }],
        },
        options: {
          // Axis numbers grouped the page's way (document lang: ko or en).
          locale: document.documentElement.lang || "ko",
          animation: false,
          maintainAspectRatio: false,
          indexAxis: data.labels.length > 8 ? "y" : "x",
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
