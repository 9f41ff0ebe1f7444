// arxiv-digest site filter: plain JavaScript, no dependencies. The pages work without it; with it,
// a day page narrows its papers as you type (or from ?q=... in the address), and the archive page
// searches search-index.json across every day when the site is served over http(s).
(function () {
  "use strict";

  function words(text) {
    return text.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
  }

  function matches(haystack, query) {
    return words(query).every(function (w) { return haystack.indexOf(w) !== -1; });
  }

  function initialQuery() {
    var params = new URLSearchParams(window.location.search);
    return params.get("q") || "";
  }

  // What a paper is matched against: its title, authors, categories and keyword hits, read from
  // the page itself rather than repeated in an attribute (a sixth of a day page's bytes).
  function searchText(paper) {
    return Array.prototype.map.call(
      paper.querySelectorAll("h2, .authors, .category, .score li"),
      function (node) { return node.textContent; }
    ).join(" ").toLowerCase();
  }

  function filterDay(form) {
    var input = form.querySelector("input");
    var status = form.querySelector("[data-filter-status]");
    var papers = Array.prototype.slice.call(document.querySelectorAll("[data-papers] > li"));
    var texts = papers.map(searchText);
    function apply() {
      var query = input.value;
      var shown = 0;
      papers.forEach(function (paper, i) {
        var keep = matches(texts[i], query);
        paper.hidden = !keep;
        if (keep) { shown += 1; }
      });
      status.textContent = query ? shown + " of " + papers.length + " papers match" : "";
    }
    input.addEventListener("input", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    input.value = initialQuery();
    apply();
  }

  function resultItem(paper) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = paper.page;
    link.textContent = paper.title;
    item.appendChild(link);
    item.appendChild(document.createTextNode(" (" + paper.date + "; " + paper.authors.join(", ") + ")"));
    return item;
  }

  function searchAll(form) {
    var input = form.querySelector("input");
    var status = form.querySelector("[data-filter-status]");
    var results = form.querySelector("[data-results]");
    fetch("search-index.json").then(function (response) {
      return response.json();
    }).then(function (index) {
      var papers = index.papers.map(function (paper) {
        var text = [paper.title, paper.authors.join(" "), paper.categories.join(" "),
                    paper.keywords.join(" ")].join(" ").toLowerCase();
        return { paper: paper, text: text };
      });
      function apply() {
        var query = input.value;
        results.textContent = "";
        if (!query) { status.textContent = ""; return; }
        var found = papers.filter(function (p) { return matches(p.text, query); });
        found.slice(0, 200).forEach(function (p) { results.appendChild(resultItem(p.paper)); });
        status.textContent = found.length + " papers match";
      }
      input.addEventListener("input", apply);
      form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
      input.value = initialQuery();
      form.hidden = false;
      apply();
    }).catch(function () {
      // file:// pages cannot fetch: the day pages' own filter still works.
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var day = document.querySelector("form[data-filter]");
    if (day) {
      day.hidden = false;
      filterDay(day);
    }
    var all = document.querySelector("form[data-search-all]");
    if (all) { searchAll(all); }
  });
})();
