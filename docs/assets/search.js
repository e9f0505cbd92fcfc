/* The catalogue's search: a lunr index built at build time (generator/search/index.py)
   is only loaded here, never built in the browser. Two parts share it:
   - the header box, which suggests papers as you type (Enter opens the results page);
   - the results page at search/?q=..., with topic, year and "has code" filters.
   Text from the dumps only ever reaches the page through textContent. */
(function () {
  "use strict";

  // assets/search.js -> the site root, wherever the site is served from.
  const ROOT = new URL("../", document.currentScript.src);
  const SUGGESTIONS = 8;
  const SNIPPET_WORDS = 36;
  const WORD = /[\p{L}\p{N}_]+/gu;

  let loading = null;
  let abstracts = null;

  /* The texts behind the snippets: most of the bytes, so fetched only once
     results are on screen. */
  function loadAbstracts() {
    if (!abstracts) abstracts = load().then((store) => fetchJSON(store.file("abstracts.json")));
    return abstracts;
  }

  function loadScript(url) {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = url;
      script.onload = resolve;
      script.onerror = () => reject(new Error("cannot load " + url));
      document.head.appendChild(script);
    });
  }

  function fetchJSON(url, options) {
    return fetch(url, options).then((response) => {
      if (!response.ok) throw new Error(url + ": HTTP " + response.status);
      return response.json();
    });
  }

  /* The index as generator/search/format.py stores it: the head (every term)
     at once, each shard of postings only when a query first reaches one of
     its terms. search() runs the query once dry, every posting empty, to learn
     which terms lunr expands it to; fetches their shards; then runs it for real.
     A lunr score only reads a document's field vector at the query's terms, so
     vectors made of the postings fetched so far score exactly as the whole. */
  function shardedIndex(head, file) {
    if (head.format !== 3) throw new Error("unknown search index format " + head.format);
    const { fields, terms } = head;
    const position = new Map(terms.map((term, t) => [term, t]));
    const postings = Object.create(null); // term -> lunr's posting, once its shard is here
    const pairs = Object.create(null); // "field/ref" -> [[term index, score], ...]
    let vectors = Object.create(null); // made from `pairs`; remade when a shard arrives
    const shards = new Map(); // shard number -> its fetch
    const noMetadata = Object.freeze({});
    let reached = null; // during a dry run: the shards the query reaches

    function addShard(rows) {
      for (const [t, ...byField] of rows) {
        const posting = { _index: t };
        byField.forEach((refsScores, f) => {
          const refs = {};
          for (let i = 0; i < refsScores.length; i += 2) {
            const fieldRef = fields[f] + "/" + refsScores[i];
            refs[refsScores[i]] = noMetadata;
            (pairs[fieldRef] || (pairs[fieldRef] = [])).push([t, refsScores[i + 1]]);
          }
          posting[fields[f]] = refs;
        });
        postings[terms[t]] = posting;
      }
      vectors = Object.create(null);
    }

    function fetchShard(k) {
      if (!shards.has(k)) {
        shards.set(k, fetchJSON(file("index-" + k + ".json")).then(addShard, (error) => {
          shards.delete(k); // let a later query try again
          throw error;
        }));
      }
      return shards.get(k);
    }

    function vector(fieldRef) {
      if (!vectors[fieldRef]) {
        const sorted = (pairs[fieldRef] || []).slice().sort((a, b) => a[0] - b[0]);
        vectors[fieldRef] = new lunr.Vector(sorted.flat());
      }
      return vectors[fieldRef];
    }

    const invertedIndex = new Proxy(postings, {
      get(made, term) {
        if (typeof term !== "string" || !position.has(term)) return undefined;
        const t = position.get(term);
        if (reached) {
          reached.add(t % head.shards);
        } else if (made[term]) {
          return made[term];
        }
        const empty = { _index: t };
        for (const field of fields) empty[field] = {};
        return empty;
      },
    });
    // lunr lists every field ref only for a query of nothing but -terms.
    const fieldVectors = new Proxy(Object.create(null), {
      get: (_, fieldRef) => (typeof fieldRef === "string" ? vector(fieldRef) : undefined),
      ownKeys: () => {
        const all = [];
        for (let ref = 0; ref < head.documents; ref++) for (const f of fields) all.push(f + "/" + ref);
        return all;
      },
      getOwnPropertyDescriptor: (_, fieldRef) => ({ value: vector(fieldRef), enumerable: true, configurable: true }),
    });
    const index = new lunr.Index({
      fields,
      fieldVectors,
      invertedIndex,
      tokenSet: lunr.TokenSet.fromArray(terms.slice().sort()),
      pipeline: lunr.Pipeline.load(head.pipeline),
    });

    return {
      async search(query) {
        reached = new Set();
        let needed;
        try {
          index.search(query); // throws lunr.QueryParseError for broken syntax
        } finally {
          needed = reached;
          reached = null;
        }
        await Promise.all([...needed].map(fetchShard));
        return index.search(query);
      },
    };
  }

  /* lunr itself and the index head, fetched once, in parallel, then the
     entries. The head names the folder of its build's other files (a digest of
     them all, generator/search/index.py), so it is revalidated on every visit
     and the rest never is: a page cannot mix the files of two builds.
     Performance marks let bench/search.py see where the time goes. */
  function load() {
    if (!loading) {
      loading = Promise.all([
        loadScript(new URL("search/lunr.js", ROOT)),
        fetchJSON(new URL("search/index.json", ROOT), { cache: "no-cache" }),
      ]).then(([, head]) => {
        const file = (name) => new URL("search/" + head.build + "/" + name, ROOT);
        return fetchJSON(file("entries.json")).then((data) => {
          performance.mark("search-fetched");
          data.entries.forEach((entry, ref) => { entry.ref = ref; });
          const store = { index: shardedIndex(head, file), entries: data.entries, topics: data.topics, file };
          performance.mark("search-loaded");
          return store;
        });
      });
    }
    return loading;
  }

  /* Plain words: papers with every word first (all of them, else any of them).
     A query in lunr's syntax (+must -not title:word learn*) is run as written,
     or as plain words if lunr cannot parse it. Pasted punctuation is dropped.
     Exactly as `python -m generator search` (generator/search/query.py). */
  async function runQuery(index, query) {
    query = query.replace(/[^\p{L}\p{N}_\s+\-:*~^]/gu, " ");
    if (/(^|\s)[+-]|[:*~^]/.test(query)) {
      try {
        return await index.search(query);
      } catch (error) {
        if (!(error instanceof lunr.QueryParseError)) throw error;
        query = query.replace(/[:~^+\-*]/g, " ");
      }
    }
    const words = query.toLowerCase().split(/[^\p{L}\p{N}_]+/u)
      .filter((w) => w && lunr.stopWordFilter(new lunr.Token(w)));
    if (!words.length) return [];
    const all = await index.search(words.map((w) => "+" + w).join(" "));
    return all.length ? all : index.search(words.join(" "));
  }

  async function hits(store, query, filters) {
    const out = [];
    for (const match of await runQuery(store.index, query)) {
      const entry = store.entries[Number(match.ref)];
      if (filters.topic && !(entry.topics || []).includes(filters.topic)) continue;
      if (filters.year && !(entry.date || "").startsWith(filters.year + "-")) continue;
      if (filters.code && !entry.code) continue;
      out.push(entry);
    }
    return out;
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

  /* ------------------------------------------------------------ results page */

  function resultItem(entry, store, stems) {
    const item = element("li", "search-result");
    const link = element("a", "search-result__title");
    link.href = new URL(entry.url, ROOT).href;
    appendMarked(link, entry.title, stems);
    item.append(link);
    const facts = [];
    if (entry.kind === "paper") {
      facts.push(entry.date ? (entry.dated === "captured" ? "seen " : "") + entry.date : "date unknown");
      if (entry.topics.length) facts.push(entry.topics.map((t) => store.topics[t]).join(", "));
      if (entry.upvotes !== null) facts.push(entry.upvotes + (entry.upvotes === 1 ? " upvote" : " upvotes"));
    } else {
      facts.push("page");
    }
    const meta = element("p", "search-result__meta", facts.join(" · "));
    if (entry.code) meta.append(" · ", element("span", "search-result__code", "code"));
    item.append(meta);
    item.dataset.ref = entry.ref;
    return item;
  }

  /* The matching part of each result's abstract, once the texts are here. */
  function addSnippets(list, texts, stems) {
    for (const item of list.children) {
      const text = texts[Number(item.dataset.ref)];
      if (!text) continue;
      const paragraph = element("p", "search-result__snippet");
      appendMarked(paragraph, snippet(text, stems), stems);
      item.append(paragraph);
    }
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
    fields.q.value = params.get("q") || "";
    fields.code.checked = params.get("code") === "1";

    let rendered = 0; // the latest render: an older one still searching gives way

    async function render(store) {
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
        status.textContent = "Type words from a title or an abstract.";
        return;
      }
      let found;
      try {
        found = await hits(store, query, filters);
      } catch (error) {
        if (shown === rendered) status.textContent = "The search failed (" + error.message + ").";
        return;
      }
      if (shown !== rendered) return;
      list.replaceChildren();
      const stems = queryStems(query);
      list.append(...found.slice(0, 100).map((entry) => resultItem(entry, store, stems)));
      const count = found.length === 1 ? "1 result" : found.length + " results";
      status.textContent = count + " for “" + query + "”" + (found.length > 100 ? ", the first 100 shown." : ".");
      document.documentElement.dataset.searchResults = String(found.length);
      performance.mark("search-results");
      loadAbstracts().then((texts) => {
        if (shown !== rendered) return; // results redrawn meanwhile
        addSnippets(list, texts, stems);
        document.documentElement.dataset.searchSnippets = String(shown);
      }, () => {});
    }

    status.textContent = "Loading the index…";
    load().then((store) => {
      for (const [slug, name] of Object.entries(store.topics)) fields.topic.add(new Option(name, slug));
      const years = new Set(store.entries.map((e) => (e.date || "").slice(0, 4)).filter(Boolean));
      for (const year of [...years].sort().reverse()) fields.year.add(new Option(year, year));
      fields.topic.value = params.get("topic") || "";
      fields.year.value = params.get("year") || "";
      render(store);
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        render(store);
      });
      for (const field of [fields.topic, fields.year, fields.code]) {
        field.addEventListener("change", () => render(store));
      }
      let timer = null;
      fields.q.addEventListener("input", () => {
        clearTimeout(timer);
        timer = setTimeout(() => render(store), 150);
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

    function suggest() {
      const query = input.value.trim();
      if (!query) return close();
      load().then((store) => hits(store, query, {})).then((found) => {
        if (input.value.trim() !== query) return; // typed on meanwhile
        const stems = queryStems(query);
        list.replaceChildren();
        found.slice(0, SUGGESTIONS).forEach((entry, i) => {
          const item = element("li", "catalogue-search__suggestion");
          item.id = "catalogue-search-option-" + i;
          item.setAttribute("role", "option");
          item.setAttribute("aria-selected", "false");
          const link = element("a");
          link.href = new URL(entry.url, ROOT).href;
          link.tabIndex = -1;
          appendMarked(link, entry.title, stems);
          item.append(link);
          if (entry.kind === "paper" && entry.date) item.append(element("span", "catalogue-search__date", entry.date));
          list.append(item);
        });
        const all = element("li", "catalogue-search__all");
        all.id = "catalogue-search-option-all";
        all.setAttribute("role", "option");
        all.setAttribute("aria-selected", "false");
        const more = element("a", "", found.length ? "All " + found.length + " results" : "No paper matches");
        more.href = new URL("search/?q=" + encodeURIComponent(query), ROOT).href;
        more.tabIndex = -1;
        all.append(more);
        list.append(all);
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
