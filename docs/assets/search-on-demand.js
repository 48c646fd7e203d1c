// Load the search index only when the reader opens the search.
//
// Material for MkDocs downloads the whole search index of the page's language
// (search/search_index.json, 150-300 KB) as soon as any page opens, although most
// visits never search. This script runs before Material's own script (overrides/main.html)
// and holds that one request back until the reader clicks or focuses the search box or
// presses a search shortcut (/ s f). Everything else about the search is unchanged.
(function () {
  var INDEX = /\/search\/search_index\.json$/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var waiting = [];
  var wanted = false;

  function loadIndex() {
    wanted = true;
    waiting.splice(0).forEach(function (start) { start(); });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.isSearchIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!request.isSearchIndex || wanted) {
      return send.apply(request, args);
    }
    waiting.push(function () { send.apply(request, args); });
  };

  // A page opened from a search result (?h=...) highlights the words found: it needs the index.
  if (/[?&]h=/.test(location.search)) {
    loadIndex();
  }
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches(".md-search__input")) loadIndex();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search") loadIndex();
  });
  document.addEventListener("keydown", function (event) {
    if (["/", "s", "f", "S", "F"].indexOf(event.key) >= 0) loadIndex();
  });
})();
