// The ranked places as an HTML bar list (ui/ranked_bars.py): an ordered list named by its
// title, one item per place with its name, a bar per basis and the value beside each bar.
// Bars are decoration for the eye (aria-hidden); the value text carries the figure, and with
// two bases each value is preceded by its basis for screen readers (the legend is visual).
// All text arrives as data and is set with textContent: nothing here parses HTML.
export default function (component) {
  const { data, parentElement } = component;
  const make = (tag, className, text) => {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  };
  const box = make("div", "ranked-bars");
  const titleId = `${data.id}-title`;
  const title = make("div", "ranked-bars-title", data.title);
  title.id = titleId;
  box.appendChild(title);

  const twoBases = data.legend.length > 1;
  if (twoBases) {
    const legend = make("div", "ranked-bars-legend");
    legend.setAttribute("aria-hidden", "true");
    data.legend.forEach((entry) => {
      const item = make("span", "ranked-bars-key");
      item.appendChild(make("span", `ranked-bars-swatch basis-${entry.basis}`));
      item.appendChild(make("span", "", entry.label));
      legend.appendChild(item);
    });
    box.appendChild(legend);
  }

  const list = make("ol", "ranked-bars-list");
  list.setAttribute("aria-labelledby", titleId);
  data.rows.forEach((row) => {
    const item = make("li", "ranked-bars-row");
    item.dataset.adcode = row.adcode;
    item.appendChild(make("span", "ranked-bars-place", row.place));
    const bars = make("span", "ranked-bars-bars");
    row.bars.forEach((bar) => {
      const line = make("span", "ranked-bars-line");
      const fill = make("span", `ranked-bars-bar basis-${bar.basis}`);
      fill.setAttribute("aria-hidden", "true");
      fill.style.width = `calc(${(bar.share * 100).toFixed(2)}% * var(--bar-room))`;
      line.appendChild(fill);
      const value = make("span", "ranked-bars-value");
      if (twoBases) value.appendChild(make("span", "ranked-bars-sr", `${bar.label}: `));
      value.appendChild(document.createTextNode(bar.value_text));
      line.appendChild(value);
      bars.appendChild(line);
    });
    item.appendChild(bars);
    list.appendChild(item);
  });
  box.appendChild(list);
  // Replace only our own list: the parent also holds what Streamlit put there.
  parentElement.querySelectorAll("div.ranked-bars").forEach((old) => old.remove());
  parentElement.appendChild(box);
}
