/* The catalogue's search on the page: a lunr index built at build time
   (generator/search/index.py), queried by search-index.js, which this file
   loads with lunr.js the first time someone searches. Two parts share it:
   - the header box, which suggests papers as you type (Enter opens the results page);
   - the results page at search/?q=..., with topic, year and "has code" filters.
   Text from the dumps only ever reaches the page through textContent. */
(function () {
  "use strict";

  // assets/search.js -> the site root, wherever the site is served from.
  const ROOT = new URL("../", document.currentScript.src);
  const SUGGESTIONS = 8;
  const PAGE = 20; // results shown at a time on the results page
  const SNIPPET_WORDS = 36;
  const WORD = /[\p{L}\p{N}_]+/gu;

  function loadScript(url) {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = url;
      script.onload = resolve;
      script.onerror = () => reject(new Error("cannot load " + url));
      document.head.appendChild(script);
    });
  }

  /* lunr, the index's code and the index head, fetched once, in parallel. The
     head names the folder of its build's other files (a digest of them all,
     generator/search/index.py), so it is revalidated on every visit and the
     rest never is: a page cannot mix the files of two builds. */
  let loading = null;
  function load() {
    if (!loading) {
      const head = fetch(new URL("search/index.json", ROOT), { cache: "no-cache" }).then((response) => {
        if (!response.ok) throw new Error("index.json: HTTP " + response.status);
        return response.json();
      });
      loading = Promise.all([
        loadScript(new URL("search/lunr.js", ROOT)),
        loadScript(new URL("assets/search-index.js", ROOT)),
        head,
      ]).then(([, , head]) => {
        performance.mark("search-loaded");
        return new CatalogueSearch.Index(head, (name) => new URL("search/" + head.build + "/" + name, ROOT));
      }, (error) => {
        loading = null; // try again next time
        throw error;
      });
    }
    return loading;
  }

  /* The query's results: the count, and the first `wanted` results' files, each
     a promise (of null if it cannot be fetched: it is tried again next time). */
  async function results(index, query, filters, wanted) {
    const needsFacets = filters.topic || filters.code;
    const facets = needsFacets ? await index.facets() : null;
    const accept = (ref) =>
      (!filters.year || index.yearOf(ref) === filters.year) &&
      (!filters.code || facets.code.has(ref)) &&
      (!filters.topic || (facets.topics[filters.topic] || new Set()).has(ref));
    const found = await index.query(query, wanted, accept);
    const files = found.refs.slice(0, wanted).map((ref) => index.document(ref).catch(() => null));
    return { ...found, files };
  }

  /* ------------------------------------------------------------ highlighting */

  function stem(word) {
    return lunr.stemmer(new lunr.Token(word.toLowerCase())).toString();
  }

  function queryStems(query) {
    const words = query.replace(/\b\w+:/g, " ").match(WORD) || [];
    return new Set(words.filter((w) => !query.includes("-" + w)).map(stem));
  }

  /* Appends `text` to `parent`, words matching the query wrapped in <mark>. */
  function appendMarked(parent, text, stems) {
    let last = 0;
    for (const match of text.matchAll(WORD)) {
      if (!stems.has(stem(match[0]))) continue;
      parent.append(text.slice(last, match.index));
      const mark = document.createElement("mark");
      mark.textContent = match[0];
      parent.append(mark);
      last = match.index + match[0].length;
    }
    parent.append(text.slice(last));
  }

  /* The part of the abstract around its first matching word. */
  function snippet(text, stems) {
    const words = text.split(/\s+/);
    let first = words.findIndex((w) => (w.match(WORD) || []).some((m) => stems.has(stem(m))));
    if (first < 0) first = 0;
    const start = Math.max(0, first - Math.floor(SNIPPET_WORDS / 4));
    const end = Math.min(words.length, start + SNIPPET_WORDS);
    return (start > 0 ? "… " : "") + words.slice(start, end).join(" ") + (end < words.length ? " …" : "");
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  const MISSING = "Part of the index could not be loaded";

  /* ------------------------------------------------------------ results page */

  /* Fills a result's list item once its file is here. */
  function fillResult(item, entry, index, stems) {
    if (!entry) {
      item.append(element("p", "search-result__missing", "This result could not be loaded; search again to retry."));
      return;
    }
    const link = element("a", "search-result__title");
    link.href = new URL(entry.url, ROOT).href;
    appendMarked(link, entry.title, stems);
    item.append(link);
    if (entry.byline) {
      const by = element("p", "search-result__by");
      appendMarked(by, entry.byline, stems); // (an author searched for is marked)
      item.append(by);
    }
    const facts = [];
    if (entry.kind === "paper") {
      facts.push(entry.date ? (entry.dated === "captured" ? "seen " : "") + entry.date : "date unknown");
      if (entry.arxiv) facts.push("arXiv " + entry.arxiv);
      if (entry.topics.length) facts.push(entry.topics.map((t) => index.topics[t]).join(", "));
      if (entry.upvotes !== null) facts.push(entry.upvotes + (entry.upvotes === 1 ? " upvote" : " upvotes"));
    } else {
      facts.push("page");
    }
    const meta = element("p", "search-result__meta", facts.join(" · "));
    if (entry.code) meta.append(" · ", element("span", "search-result__code", "code"));
    item.append(meta);
    if (entry.text) {
      const paragraph = element("p", "search-result__snippet");
      appendMarked(paragraph, snippet(entry.text, stems), stems);
      item.append(paragraph);
    }
    item.dataset.ref = entry.ref;
  }

  function resultsPage(form) {
    const params = new URLSearchParams(location.search);
    const fields = {
      q: form.querySelector("#search-q"),
      topic: form.querySelector("#search-topic"),
      year: form.querySelector("#search-year"),
      code: form.querySelector("#search-code"),
    };
    const status = document.getElementById("search-status");
    const list = document.getElementById("search-results");
    const more = element("button", "md-button md-button--primary search-more", "More results");
    more.type = "button";
    more.hidden = true;
    list.after(more);
    fields.q.value = params.get("q") || "";
    fields.code.checked = params.get("code") === "1";

    let rendered = 0; // the latest render: an older one still searching gives way
    let wanted = PAGE;
    let counted = null; // the last query's matches, for the filters' counts
    let facetsWanted = false;

    function label(option, name, count) {
      option.textContent = count === null ? name : name + " (" + count + ")";
    }

    /* How many of the query's matches each filter would keep. */
    async function showCounts(index) {
      const matched = counted;
      const years = new Map();
      for (const ref of matched || []) {
        const year = index.yearOf(ref);
        years.set(year, (years.get(year) || 0) + 1);
      }
      for (const option of fields.year.options) {
        if (option.value) label(option, option.value, matched ? years.get(option.value) || 0 : null);
      }
      if (!facetsWanted) return;
      const facets = await index.facets();
      if (matched !== counted) return; // another query meanwhile
      for (const option of fields.topic.options) {
        if (!option.value) continue;
        const set = facets.topics[option.value] || new Set();
        label(option, index.topics[option.value], matched ? matched.filter((ref) => set.has(ref)).length : null);
      }
      const code = matched ? matched.filter((ref) => facets.code.has(ref)).length : null;
      fields.code.parentElement.lastChild.textContent = code === null ? " Has code" : " Has code (" + code + ")";
    }

    async function render(index) {
      const shown = ++rendered;
      const query = fields.q.value.trim();
      const filters = { topic: fields.topic.value, year: fields.year.value, code: fields.code.checked };
      const url = new URL(location.href);
      url.search = "";
      if (query) url.searchParams.set("q", query);
      if (filters.topic) url.searchParams.set("topic", filters.topic);
      if (filters.year) url.searchParams.set("year", filters.year);
      if (filters.code) url.searchParams.set("code", "1");
      history.replaceState(null, "", url);
      if (!query) {
        list.replaceChildren();
        more.hidden = true;
        counted = null;
        showCounts(index).catch(() => {});
        status.textContent = "Type words from a title or an abstract.";
        return;
      }
      let found;
      try {
        found = await results(index, query, filters, wanted);
      } catch (error) {
        if (shown !== rendered) return;
        list.replaceChildren();
        more.hidden = true;
        status.textContent = MISSING + " (" + error.message + "); search again to retry.";
        document.documentElement.dataset.searchFailed = String(shown);
        return;
      }
      if (shown !== rendered) return;
      const stems = queryStems(query);
      // Each result is drawn as soon as its file is here, in the order of the ranking.
      const items = found.files.map(() => element("li", "search-result"));
      list.replaceChildren(...items);
      found.files.forEach((file, i) => file.then((entry) => {
        if (shown === rendered) fillResult(items[i], entry, index, stems);
      }));
      const count = found.count === 1 ? "1 result" : found.count + " results";
      status.textContent = found.forgiven
        ? "Nothing has these words as typed; " + count + " for words like them."
        : count + " for “" + query + "”.";
      more.hidden = found.count <= found.files.length;
      counted = found.matched;
      showCounts(index).catch(() => {});
      const missing = (await Promise.all(found.files)).filter((entry) => !entry).length;
      if (shown !== rendered) return;
      if (missing) status.textContent = count + " for “" + query + "”; " + missing + " could not be loaded, search again to retry.";
      document.documentElement.dataset.searchResults = String(found.count);
      document.documentElement.dataset.searchSnippets = String(shown);
      performance.mark("search-results");
    }

    status.textContent = "Loading the index…";
    load().then((index) => {
      for (const [slug, name] of Object.entries(index.topics)) fields.topic.add(new Option(name, slug));
      const years = [...new Set(index.years.map(([year]) => year))].sort().reverse();
      for (const year of years) fields.year.add(new Option(year, year));
      fields.topic.value = params.get("topic") || "";
      fields.year.value = params.get("year") || "";
      facetsWanted = Boolean(fields.topic.value || fields.code.checked);
      const search = () => {
        wanted = PAGE;
        render(index);
      };
      search();
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        search();
      });
      for (const field of [fields.topic, fields.year, fields.code]) field.addEventListener("change", search);
      // The topic and code counts need the filters' file: fetched once someone reaches for them.
      const filters = form.querySelector(".search-form__filters");
      for (const type of ["focusin", "pointerover", "touchstart"]) {
        filters.addEventListener(type, () => {
          if (facetsWanted) return;
          facetsWanted = true;
          showCounts(index).catch(() => {});
        }, { passive: true });
      }
      more.addEventListener("click", () => {
        wanted += PAGE;
        render(index);
      });
      let timer = null;
      fields.q.addEventListener("input", () => {
        clearTimeout(timer);
        timer = setTimeout(search, 150);
      });
    }, (error) => {
      status.textContent = "The search index could not be loaded (" + error.message + ").";
    });
  }

  /* ------------------------------------------------------------ header box */

  function headerBox(input) {
    const list = document.getElementById(input.getAttribute("aria-controls"));
    let active = -1;

    function options() {
      return [...list.querySelectorAll("[role=option]")];
    }

    function close() {
      list.hidden = true;
      list.replaceChildren();
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function select(index) {
      const all = options();
      if (!all.length) return;
      active = (index + all.length) % all.length;
      all.forEach((option, i) => option.setAttribute("aria-selected", String(i === active)));
      input.setAttribute("aria-activedescendant", all[active].id);
      all[active].scrollIntoView({ block: "nearest" });
    }

    function option(id) {
      const item = element("li");
      item.id = id;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      return item;
    }

    function suggest() {
      const query = input.value.trim();
      if (!query) return close();
      load().then(async (index) => {
        const found = await results(index, query, {}, SUGGESTIONS);
        return { ...found, files: await Promise.all(found.files) };
      }).then((found) => {
        if (input.value.trim() !== query) return; // typed on meanwhile
        const stems = queryStems(query);
        list.replaceChildren();
        found.files.forEach((entry, i) => {
          if (!entry) return;
          const item = option("catalogue-search-option-" + i);
          item.className = "catalogue-search__suggestion";
          const link = element("a");
          link.href = new URL(entry.url, ROOT).href;
          link.tabIndex = -1;
          appendMarked(link, entry.title, stems);
          item.append(link);
          if (entry.kind === "paper") {
            const said = [entry.byline, entry.date].filter(Boolean).join(" · ");
            if (said) item.append(element("span", "catalogue-search__date", said));
          }
          list.append(item);
        });
        const all = option("catalogue-search-option-all");
        all.className = "catalogue-search__all";
        const more = element("a", "", found.count ? "All " + found.count + " results" : "No paper matches");
        more.href = new URL("search/?q=" + encodeURIComponent(query), ROOT).href;
        more.tabIndex = -1;
        all.append(more);
        list.append(all);
        list.dataset.query = query; // what the list answers (a slow typist sees several)
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        active = -1;
      }, close);
    }

    let timer = null;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(suggest, 100);
    });
    input.addEventListener("focus", () => load().catch(() => {}), { once: true });
    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown") select(active + 1);
      else if (event.key === "ArrowUp") select(active - 1);
      else if (event.key === "Escape") close();
      else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        options()[active].querySelector("a").click();
        return;
      } else return;
      event.preventDefault();
    });
    input.addEventListener("blur", () => setTimeout(() => {
      if (!list.contains(document.activeElement)) close();
    }, 200));
    list.addEventListener("mousedown", (event) => event.preventDefault()); // keep focus for clicks
    // "/" focuses the search box from anywhere but a text field.
    document.addEventListener("keydown", (event) => {
      const target = event.target;
      if (event.key === "/" && !/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) && !target.isContentEditable) {
        event.preventDefault();
        input.focus();
      }
    });
  }

  const input = document.getElementById("catalogue-search-input");
  if (input) headerBox(input);
  const form = document.getElementById("search-form");
  if (form) {
    resultsPage(form);
    if (input) input.value = new URLSearchParams(location.search).get("q") || "";
  }
})();
