// The map as a slide file (ui/slide_export.py): two buttons that save the page's map as a
// 1920×1080 PNG or SVG through plotly.js's own export, the same drawing as the chart
// toolbar's camera: title, legend, source line and export date included. The map is laid out
// at its design size (data.layout, 1280×720) and scaled to the slide (data.size), so its type
// grows with the slide. Labels and the file name arrive as data and are set with textContent.
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
      const [width, height] = data.layout;
      const scale = data.size[1] / height;
      if (format === "png") {
        window.Plotly.downloadImage(chart, {format, width, height, scale, filename: data.filename});
        return;
      }
      // SVG has no pixel scale: set the slide's size on the root and keep the design-size
      // drawing as its viewBox.
      window.Plotly.toImage(chart, {format, width, height}).then((url) => {
        const text = decodeURIComponent(url.slice(url.indexOf(",") + 1));
        const svg = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
        svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
        svg.setAttribute("width", String(data.size[0]));
        svg.setAttribute("height", String(data.size[1]));
        const blob = new Blob([new XMLSerializer().serializeToString(svg)],
                              {type: "image/svg+xml"});
        const link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = `${data.filename}.svg`;
        link.click();
        setTimeout(() => URL.revokeObjectURL(link.href), 10000);
      });
    };
  }
}
