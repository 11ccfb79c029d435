// The map's values as a real table beside the map (ui/map_table.py): one focusable row per
// place; arrow keys move, Enter or Space opens a prefecture or selects a county, as a map
// click does. A skip link, first in the page's tab order, jumps straight to it.
// All text arrives as data and is set with textContent: nothing here parses HTML.
export default function (component) {
  const { data, setTriggerValue, parentElement } = component;
  const FOCUS_FLAG = "jilinMapTableFocus";

  const table = document.createElement("table");
  table.className = "map-table";
  const caption = document.createElement("caption");
  caption.textContent = data.caption;
  const hint = document.createElement("span");
  hint.className = "map-table-hint";
  hint.textContent = data.hint;
  caption.appendChild(hint);
  table.appendChild(caption);

  const head = table.createTHead().insertRow();
  data.headers.forEach((text, i) => {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = text;
    if (i > 0) th.className = "num";
    head.appendChild(th);
  });

  const body = table.createTBody();
  const rows = [];
  data.rows.forEach((row) => {
    const tr = body.insertRow();
    row.cells.forEach((text, i) => {
      const cell = i === 0 ? document.createElement("th") : tr.insertCell();
      if (i === 0) { cell.scope = "row"; tr.appendChild(cell); } else { cell.className = "num"; }
      cell.textContent = text;
    });
    if (row.kind === "no_data") tr.classList.add("no-data");
    if (row.selected) tr.setAttribute("aria-current", "true");
    if (row.key) {
      tr.tabIndex = -1;
      tr.dataset.key = row.key;
      tr.setAttribute("aria-label", row.label);
      rows.push(tr);
    }
  });

  const active = rows.find((tr) => tr.getAttribute("aria-current") === "true") || rows[0];
  if (active) active.tabIndex = 0;
  const choose = (tr) => {
    sessionStorage.setItem(FOCUS_FLAG, "1");  // the next run redraws the table: come back here
    setTriggerValue("chosen", tr.dataset.key);
  };
  const move = (from, to) => {
    if (!to) return;
    from.tabIndex = -1;
    to.tabIndex = 0;
    to.focus();
  };
  rows.forEach((tr, i) => {
    tr.addEventListener("click", () => choose(tr));
    tr.addEventListener("keydown", (event) => {
      const keys = { ArrowDown: rows[i + 1], ArrowUp: rows[i - 1], Home: rows[0],
                     End: rows[rows.length - 1] };
      if (event.key in keys) { event.preventDefault(); move(tr, keys[event.key]); }
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); choose(tr); }
    });
  });
  // Replace only our own table: the parent also holds what Streamlit put there.
  parentElement.querySelectorAll("table.map-table").forEach((old) => old.remove());
  parentElement.appendChild(table);

  let skip = document.getElementById("map-table-skip");
  if (!skip) {
    skip = document.createElement("a");
    skip.id = "map-table-skip";
    skip.href = "#";
    document.body.prepend(skip);
  }
  skip.textContent = data.skip;
  skip.onclick = (event) => {
    event.preventDefault();
    const target = parentElement.querySelector('tr[tabindex="0"]');
    if (target) target.focus();
  };
  if (sessionStorage.getItem(FOCUS_FLAG) && active) {
    sessionStorage.removeItem(FOCUS_FLAG);
    active.focus();
  }
  return () => { skip.remove(); };
}
