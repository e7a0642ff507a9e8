// The SPARQL page: examples fill the box; results are drawn as a table of plain text
// (textContent only, so nothing in a result is ever read as markup). Without this script
// the form still posts to /sparql and the browser shows the raw answer.
(function () {
  "use strict";
  var form = document.getElementById("cg-query-form");
  var box = document.getElementById("cg-query");
  var examples = document.getElementById("cg-examples");
  var status = document.getElementById("cg-query-status");
  var out = document.getElementById("cg-query-result");
  examples.addEventListener("change", function () { box.value = examples.value; });

  function cell(tag, text) {
    var el = document.createElement(tag);
    el.textContent = text;
    return el;
  }
  function table(json) {
    var t = document.createElement("table"), head = document.createElement("tr");
    t.className = "cg-table";
    if (json.boolean !== undefined) { return cell("p", String(json.boolean)); }
    json.head.vars.forEach(function (v) { head.appendChild(cell("th", v)); });
    t.appendChild(head);
    json.results.bindings.forEach(function (row) {
      var tr = document.createElement("tr");
      json.head.vars.forEach(function (v) { tr.appendChild(cell("td", row[v] ? row[v].value : "")); });
      t.appendChild(tr);
    });
    return t;
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    status.textContent = "running…";
    out.textContent = "";
    fetch(form.getAttribute("action"), {
      method: "POST",
      headers: {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json, text/plain;q=0.5"},
      body: new URLSearchParams({query: box.value})
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      return (type.indexOf("json") >= 0 && response.ok ? response.json().then(table) :
        response.text().then(function (text) { return cell("pre", text); })).then(function (node) {
        status.textContent = response.ok ? "" : "error " + response.status;
        out.appendChild(node);
      });
    }).catch(function (error) { status.textContent = "failed: " + error; });
  });
})();
