// The map as a slide file (ui/slide_export.py): two buttons that save the page's map at
// 1920×1080 as PNG or SVG through plotly.js's own export (Plotly.downloadImage), the same
// drawing as the chart toolbar's camera: title, legend, source line and export date included.
// Labels and the file name arrive as data and are set with textContent.
export default function (component) {
  const { data, parentElement } = component;
  let bar = parentElement.querySelector(".slide-export");
  if (!bar) {
    bar = document.createElement("div");
    bar.className = "slide-export";
    for (const format of ["png", "svg"]) {
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.format = format;
      bar.appendChild(button);
    }
    const status = document.createElement("p");
    status.className = "slide-export-status";
    status.setAttribute("role", "status");
    bar.appendChild(status);
    parentElement.appendChild(bar);
  }
  const status = bar.querySelector(".slide-export-status");
  status.textContent = "";
  for (const button of bar.querySelectorAll("button")) {
    const format = button.dataset.format;
    button.textContent = data.labels[format];
    button.onclick = () => {
      // the page's one map: the chart that draws a geo layer
      const chart = document.querySelector(".js-plotly-plot:has(.geolayer)");
      if (!chart || !window.Plotly) {
        status.textContent = data.unavailable;
        return;
      }
      window.Plotly.downloadImage(chart, {
        format, width: data.width, height: data.height, scale: 1, filename: data.filename,
      });
    };
  }
}
