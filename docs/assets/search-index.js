/* The catalogue's search index, queried in the browser (loaded by search.js with
   lunr.js): the files generator/search/format.py describes, fetched only as a
   query needs them. Queries are parsed by lunr and scored as lunr scores them,
   so the results are lunr's, in lunr's order, as `python -m generator search`
   gives them. */
(function () {
  "use strict";

  const SLACK = 1e-9; // bounds on scores are sums of rounded floats: compare with room
  const SPARE = 5; // results' files fetched beyond those shown, when a few are left to score
  const ARXIV_QUERY = /^\s*(?:arxiv:\s*|(?:https?:\/\/)?(?:www\.)?(?:arxiv\.org\/(?:abs|pdf)|huggingface\.co\/papers)\/)?(\d{4}\.\d{4,5})(?:v\d+)?(?:\.pdf)?\/?\s*$/i;

  function fetchJSON(url, options) {
    return fetch(url, options).then((response) => {
      if (!response.ok) throw new Error(url.pathname.split("/").pop() + ": HTTP " + response.status);
      return response.json();
    });
  }

  /* A file the generator gzipped itself (not every host compresses binary files). */
  function fetchGzipped(url) {
    return fetch(url).then((response) => {
      if (!response.ok) throw new Error(url.pathname.split("/").pop() + ": HTTP " + response.status);
      const bytes = response.body.pipeThrough(new DecompressionStream("gzip"));
      return new Response(bytes).arrayBuffer().then((buffer) => new Uint8Array(buffer));
    });
  }

  /* A fetch kept while it succeeds and forgotten when it fails, so that the
     next query tries it again. */
  function once(map, key, start) {
    if (!map.has(key)) {
      map.set(key, start().catch((error) => {
        map.delete(key);
        throw error;
      }));
    }
    return map.get(key);
  }

  function popcount(mask) {
    let n = 0;
    for (; mask; mask &= mask - 1) n++;
    return n;
  }

  /* The integers of LEB128 varints (generator/search/format.py): bytes, or a base64 string of them. */
  function varints(stored) {
    const bytes = typeof stored === "string" ? Uint8Array.from(atob(stored), (c) => c.charCodeAt(0)) : stored;
    const out = [];
    let value = 0, scale = 1;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i];
      value += (byte & 127) * scale;
      if (byte < 128) {
        out.push(value);
        value = 0;
        scale = 1;
      } else scale *= 128;
    }
    return out;
  }

  /* Sorted refs from a stored set: `gaps:` differences, or a `bits:` bitmap. */
  function decodeSet(value, documents) {
    const data = value.slice(5);
    if (value.startsWith("gaps:")) {
      const refs = new Int32Array(varints(data));
      for (let i = 1; i < refs.length; i++) refs[i] += refs[i - 1];
      return refs;
    }
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const refs = [];
    for (let ref = 0; ref < documents; ref++) if (bytes[ref >> 3] >> (ref & 7) & 1) refs.push(ref);
    return Int32Array.from(refs);
  }

  /* Entries (varints `dref, mask, score...`) -> [ref, mask, scores] triples. */
  function* entries(stored) {
    const tokens = varints(stored);
    for (let i = 0, ref = 0; i < tokens.length;) {
      ref = i === 0 ? tokens[0] : ref + tokens[i];
      const n = popcount(tokens[i + 1]);
      yield [ref, tokens[i + 1], tokens.slice(i + 2, i + 2 + n)];
      i += 2 + n;
    }
  }

  /* An entry as a query reads it: its fields, their scores and their sum. */
  function entry(mask, scores) {
    let impact = 0;
    for (const s of scores) impact += s;
    return { mask, scores, impact };
  }

  /* One term of the index, as far as its files are here. */
  class Term {
    constructor(index, row) {
      const [term, t, bounds, set, first] = row;
      Object.assign(this, { index, term, t, bounds, fetched: 1, known: new Map() });
      this.add(first);
      this.refs = bounds.length > 1 ? decodeSet(set, index.documents) : Int32Array.from(this.known.keys()).sort();
      this.member = null;
    }

    add(stored) {
      for (const [ref, mask, scores] of entries(stored)) this.known.set(ref, entry(mask, scores));
    }

    has(ref) {
      if (!this.member) {
        this.member = new Uint8Array(this.index.documents);
        for (const r of this.refs) this.member[r] = 1;
      }
      return this.member[ref] === 1;
    }

    complete() {
      return this.fetched === this.bounds.length;
    }

    /* The highest impact an entry not fetched yet can have. */
    floor() {
      return this.complete() ? 0 : this.bounds[this.fetched - 1] / 1000;
    }

    /* Its entry for `ref`: from its segments, or from the document's own file. */
    entry(ref) {
      return this.known.get(ref) || this.index.documentEntry(ref, this.t);
    }

    segment(j) {
      return once(this.index.fetches, "p-" + this.t + "-" + j, () =>
        fetchGzipped(this.index.file("p-" + this.t + "-" + j + ".bin")));
    }

    /* The next segment: the floor goes down. */
    async fetchNext() {
      const j = this.fetched, bytes = await this.segment(j);
      if (this.fetched === j) {
        this.add(bytes);
        this.fetched++;
      }
    }

    /* Every segment, fetched at once. */
    async fetchAll() {
      const later = [];
      for (let j = this.fetched; j < this.bounds.length; j++) later.push(this.segment(j));
      const from = this.fetched;
      (await Promise.all(later)).forEach((bytes, k) => {
        if (from + k >= this.fetched) this.add(bytes);
      });
      this.fetched = this.bounds.length;
    }

    /* Per field, refs ascending with their scores (every segment must be here). */
    postings() {
      if (!this.byField) {
        const fields = this.index.fields.map(() => []);
        for (const [ref, { mask, scores }] of this.known) {
          let s = 0;
          for (let f = 0; f < fields.length; f++) if (mask >> f & 1) fields[f].push([ref, scores[s++] / 1000]);
        }
        this.byField = fields.map((pairs) => pairs.sort((a, b) => a[0] - b[0]));
      }
      return this.byField;
    }
  }

  /* The index of one build: its head here, every other file fetched when a query needs it. */
  class Index {
    constructor(head, file) {
      if (head.format !== 4) throw new Error("unknown search index format " + head.format);
      Object.assign(this, head);
      this.file = file;
      this.pipeline = lunr.Pipeline.load(head.pipeline);
      this.fetches = new Map(); // file -> its fetch
      this.terms = new Map(); // term -> Term, once its shard is here
      this.byNumber = new Map(); // lunr's term number -> Term
      this.documentFiles = new Map(); // ref -> its fetch
      this.documentData = new Map(); // ref -> its file, parsed, once here
      this.allTerms = null;
    }

    /* The shard that holds `term`: shard k holds starts[k - 1] <= term < starts[k]. */
    shardOf(term) {
      let low = 0, high = this.starts.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (this.starts[mid] <= term) low = mid + 1; else high = mid;
      }
      return low;
    }

    shard(k) {
      return once(this.fetches, "s-" + k, () => fetchJSON(this.file("s-" + k + ".json")).then((rows) => {
        for (const row of rows) {
          const term = new Term(this, row);
          this.terms.set(term.term, term);
          this.byNumber.set(term.t, term);
        }
      }));
    }

    /* Every term starting with `prefix` (or only `term` itself) is here after this. */
    async reach(prefix, exactly = false) {
      const first = this.shardOf(prefix), last = exactly ? first : this.shardOf(prefix + "\uffff");
      const shards = [];
      for (let k = first; k <= last; k++) shards.push(this.shard(k));
      await Promise.all(shards);
    }

    document(ref) {
      return once(this.documentFiles, ref, () => fetchJSON(this.file("f/" + ref + ".json")).then((data) => {
        data.ref = ref;
        this.documentData.set(ref, data);
        return data;
      }));
    }

    /* A document's entry for term number `t`, from the document's file if it is here. */
    documentEntry(ref, t) {
      const data = this.documentData.get(ref);
      if (!data) return undefined;
      if (!data.entries) {
        data.entries = new Map();
        for (const [term, mask, scores] of entries(data.terms)) data.entries.set(term, entry(mask, scores));
      }
      return data.entries.get(t);
    }

    facets() {
      return once(this.fetches, "facets", () => fetchJSON(this.file("facets.json")).then((facets) => {
        const decoded = { code: new Set(decodeSet(facets.code, this.documents)), topics: {} };
        for (const [slug, set] of Object.entries(facets.topics)) {
          decoded.topics[slug] = new Set(decodeSet(set, this.documents));
        }
        return decoded;
      }));
    }

    async everyTerm() {
      if (!this.allTerms) {
        const list = await once(this.fetches, "terms", () => fetchJSON(this.file("terms.json")));
        this.allTerms = lunr.TokenSet.fromArray(list);
      }
      return this.allTerms;
    }

    yearOf(ref) {
      for (const [year, start, end] of this.years) if (ref >= start && ref < end) return year;
      return "";
    }

    /* The terms a clause reaches, as lunr expands it (its shards fetched). */
    async expand(clause) {
      const star = clause.term.indexOf("*");
      if ("editDistance" in clause || star === 0) {
        const reached = (await this.everyTerm()).intersect(lunr.TokenSet.fromClause(clause)).toArray();
        await Promise.all(reached.map((term) => this.reach(term, true)));
        return reached;
      }
      const prefix = star < 0 ? clause.term : clause.term.slice(0, star);
      await this.reach(prefix, star < 0);
      if (star < 0) return this.terms.has(prefix) ? [prefix] : [];
      const known = [...this.terms.keys()].filter((term) => term.startsWith(prefix)).sort();
      return known.length ? lunr.TokenSet.fromArray(known).intersect(lunr.TokenSet.fromClause(clause)).toArray() : [];
    }

    /* Plain words: papers with every word first (all of them, else any of them).
       A query in lunr's syntax (+must -not title:word learn*) is run as written,
       or as plain words if lunr cannot parse it. Pasted punctuation is dropped.
       Exactly as `python -m generator search` (generator/search/query.py). */
    async query(text, wanted, accept) {
      // A pasted arXiv id (or its arXiv or Hugging Face address): that paper (query.py `arxiv_id`).
      const named = ARXIV_QUERY.exec(text);
      if (named) {
        const ref = await this.arxivRef(named[1]);
        if (ref !== undefined) {
          const refs = accept(ref) ? [ref] : [];
          return { count: refs.length, refs, matched: [ref] };
        }
      }
      // Cut to 500 characters, a fuzzy term to 2 edits (query.py's `bounded`).
      text = text.replace(/[^\p{L}\p{N}_\s+\-:*~^]/gu, " ").slice(0, 500)
        .replace(/~(\d+)/g, (_, n) => "~" + Math.min(Number(n), 2));
      if (/(^|\s)[+-]|[:*~^]/.test(text)) {
        try {
          return await this.search(text, wanted, accept);
        } catch (error) {
          if (!(error instanceof lunr.QueryParseError)) throw error;
          text = text.replace(/[:~^+\-*]/g, " ");
        }
      }
      const words = text.toLowerCase().split(/[^\p{L}\p{N}_]+/u)
        .filter((w) => w && lunr.stopWordFilter(new lunr.Token(w)));
      if (!words.length) return { count: 0, refs: [], matched: [] };
      const all = await this.search(words.map((w) => "+" + w).join(" "), wanted, accept);
      const found = all.count ? all : await this.search(words.join(" "), wanted, accept);
      // Nothing as typed: words like them (query.py `forgiving`), said so.
      const near = words.map((w) => (w.length >= 8 ? w + "~2" : w.length >= 4 ? w + "~1" : w));
      if (found.matched.length || near.every((w, i) => w === words[i])) return found;
      return { ...(await this.search(near.join(" "), wanted, accept)), forgiven: true };
    }

    /* The ref of the paper with this arXiv id, if the catalogue has it: one small
       file, of the ids that begin with the same seven characters. */
    arxivRef(id) {
      const name = "a/" + id.slice(0, 7) + ".json";
      return once(this.fetches, name, () => fetch(this.file(name)).then((response) => {
        if (response.status === 404) return {}; // (no paper's id begins so)
        if (!response.ok) throw new Error(name + ": HTTP " + response.status);
        return response.json();
      })).then((ids) => ids[id]);
    }

    /* lunr's query for `text`: {count, refs (ranked, at least `wanted` of them if
       there are), matched (every ref, before the filters)}. `accept(ref)` filters. */
    async search(text, wanted, accept) {
      const query = new lunr.Query(this.fields);
      new lunr.QueryParser(text, query).parse(); // throws lunr.QueryParseError
      const { REQUIRED, OPTIONAL } = lunr.Query.presence;
      const presence = query.clauses.length ? query.clauses[0].presence : null;
      const plain = query.clauses.length && query.clauses.every((c) =>
        c.presence === presence && (presence === REQUIRED || presence === OPTIONAL) &&
        !("editDistance" in c) && c.usePipeline && !c.term.includes("*") && c.boost === 1 &&
        c.fields.length === this.fields.length);
      return plain ? this.topRanked(query, wanted, accept) : this.everyMatch(query, accept);
    }

    /* ----- plain words: every clause all fields, all required or all optional.

       A document's score is then sum over terms t of w_t × impact_t(doc) / |q|
       (w_t: the clauses naming t; impact: its scores' sum). Candidates are
       the documents holding every word (or any). The entries fetched so far
       give some candidates their whole score and bound the others' (no entry
       not fetched is above its term's floor); later segments, or candidates'
       own files, are fetched only while a candidate not fully scored could
       still be among the `wanted` first. */
    async topRanked(query, wanted, accept) {
      const required = query.clauses[0].presence === lunr.Query.presence.REQUIRED;
      const stems = query.clauses.map((c) => this.pipeline.runString(c.term, { fields: c.fields }));
      await Promise.all(stems.flat().map((term) => this.reach(term, true)));
      const weights = new Map(); // Term -> {w, first: the first clause naming it}
      for (let i = 0; i < stems.length; i++) {
        for (const stem of stems[i]) {
          const term = this.terms.get(stem);
          if (!term) {
            if (required) return { count: 0, refs: [], matched: [] };
            continue;
          }
          const known = weights.get(term);
          if (known) known.w += query.clauses[i].boost;
          else weights.set(term, { w: query.clauses[i].boost, first: i });
        }
      }
      const terms = [...weights.keys()].sort((a, b) => a.t - b.t); // lunr's order of the sums
      if (!terms.length) return { count: 0, refs: [], matched: [] };
      let squares = 0;
      for (const term of terms) squares += weights.get(term).w * weights.get(term).w;
      const magnitude = Math.sqrt(squares);

      const matched = required ? this.intersection(terms) : this.union(terms);
      const candidates = matched.filter(accept);
      const F = this.fields.length;
      const w = terms.map((term) => weights.get(term).w);
      const sums = new Float64Array(F), first = new Float64Array(F);
      const score = (ref) => {
        // As lunr: per field, the dot product in term order; fields in the
        // order lunr first met them; ties in the order it first met the document.
        sums.fill(0);
        first.fill(Infinity);
        terms.forEach((term, k) => {
          if (!term.has(ref)) return;
          const { mask, scores } = term.entry(ref);
          const clause = weights.get(term).first;
          let s = 0;
          for (let f = 0; f < F; f++) {
            if (!(mask >> f & 1)) continue;
            sums[f] += w[k] * (scores[s++] / 1000);
            first[f] = Math.min(first[f], clause * F + f);
          }
        });
        const order = [...sums.keys()].filter((f) => first[f] < Infinity).sort((a, b) => first[a] - first[b]);
        let total = 0;
        for (const f of order) total += (sums[f] / magnitude) || 0;
        return [total, first[order[0]] * this.documents + ref];
      };

      // Each round sums the entries of the candidates whose entries are all here
      // (their score, but for the order of the sums: scored as lunr does once
      // they are among the results), and bounds the others': pending[0 .. open)
      // are those, bounds[i] pending[i]'s.
      const pending = Int32Array.from(candidates), bounds = new Float64Array(pending.length);
      let open = pending.length;
      const whole = { refs: [], sums: [] };
      for (;;) {
        const floors = terms.map((term) => term.floor());
        let still = 0;
        for (let i = 0; i < open; i++) {
          const ref = pending[i];
          let bound = 0, all = true;
          for (let k = 0; k < terms.length; k++) {
            if (!terms[k].has(ref)) continue;
            const entry = terms[k].entry(ref);
            if (entry) bound += w[k] * (entry.impact / 1000);
            else {
              all = false;
              bound += w[k] * floors[k];
            }
          }
          if (all) {
            whole.refs.push(ref);
            whole.sums.push(bound / magnitude);
          } else {
            pending[still] = ref;
            bounds[still++] = bound / magnitude;
          }
        }
        open = still;
        // The score a result must reach to be shown, less the room for rounding.
        const n = whole.sums.length, nth = n >= wanted ? Float64Array.from(whole.sums).sort()[n - wanted] : -Infinity;
        const threshold = nth - (Math.abs(nth) * SLACK + SLACK);
        const contends = (i) => bounds[i] * (1 + SLACK) + SLACK >= threshold;
        let contending = 0;
        for (let i = 0; i < open; i++) if (contends(i)) contending++;
        if (!contending) {
          // Ranked: every result no candidate left could come before.
          const shown = [];
          whole.sums.forEach((sum, k) => { if (sum >= threshold) shown.push([whole.refs[k], ...score(whole.refs[k])]); });
          const refs = shown.sort((a, b) => b[1] - a[1] || a[2] - b[2]).map((e) => e[0]);
          return { count: candidates.length, refs, matched };
        }
        const behind = terms.filter((term) => !term.complete());
        if (contending <= wanted + SPARE || !behind.length) {
          // Few left: their own files score them (and are what their results show).
          const few = [];
          for (let i = 0; i < open; i++) if (contends(i)) few.push([pending[i], bounds[i]]);
          few.sort((a, b) => b[1] - a[1]);
          await Promise.all(few.slice(0, wanted + SPARE).map(([ref]) => this.document(ref)));
        } else {
          await Promise.all(behind.map((term) => term.fetchNext())); // lower every floor at once
        }
      }
    }

    intersection(terms) {
      const [smallest, ...others] = [...terms].sort((a, b) => a.refs.length - b.refs.length);
      return [...smallest.refs].filter((ref) => others.every((term) => term.has(ref)));
    }

    union(terms) {
      const seen = new Uint8Array(this.documents);
      for (const term of terms) for (const ref of term.refs) seen[ref] = 1;
      const refs = [];
      for (let ref = 0; ref < this.documents; ref++) if (seen[ref]) refs.push(ref);
      return refs;
    }

    /* ----- any other query: lunr's Index.query, step for step, over every
       posting of the terms it reaches (fetched in full first). */
    async everyMatch(query, accept) {
      const { REQUIRED, PROHIBITED } = lunr.Query.presence;
      const F = this.fields.length, D = this.documents;
      const fieldOf = new Map(this.fields.map((name, f) => [name, f]));
      const expanded = [];
      for (const clause of query.clauses) {
        const terms = clause.usePipeline ? this.pipeline.runString(clause.term, { fields: clause.fields }) : [clause.term];
        const reached = [];
        for (const term of terms) reached.push(await this.expand({ ...clause, term }));
        expanded.push(reached);
      }
      const used = [...new Set(expanded.flat(2))].map((term) => this.terms.get(term));
      await Promise.all(used.map((term) => term.fetchAll()));

      const COMPLETE = null;
      const union = (set, refs) => { for (const [ref] of refs) set.add(ref); return set; };
      const intersect = (a, b) => (a === COMPLETE ? b : b === COMPLETE ? a : new Set([...a].filter((r) => b.has(r))));
      const vectors = this.fields.map(() => new Map()); // per field: term number -> weight
      const required = new Array(F), prohibited = new Array(F);
      const seen = new Uint8Array(D * F), order = []; // field refs, as lunr first meets them
      const cached = new Set();
      query.clauses.forEach((clause, i) => {
        let clauseMatches = new Set();
        const fields = clause.fields.map((name) => fieldOf.get(name));
        for (const reached of expanded[i]) {
          if (!reached.length && clause.presence === REQUIRED) {
            for (const f of fields) required[f] = new Set();
            break;
          }
          for (const name of reached) {
            const term = this.terms.get(name), postings = term.postings();
            for (const f of fields) {
              if (clause.presence === REQUIRED) {
                clauseMatches = union(clauseMatches, postings[f]);
                if (required[f] === undefined) required[f] = COMPLETE;
              }
              if (clause.presence === PROHIBITED) {
                prohibited[f] = union(prohibited[f] || new Set(), postings[f]);
                continue;
              }
              vectors[f].set(term.t, (vectors[f].get(term.t) || 0) + clause.boost);
              if (cached.has(name + "/" + f)) continue;
              for (const [ref] of postings[f]) {
                if (!seen[ref * F + f]) {
                  seen[ref * F + f] = 1;
                  order.push(ref * F + f);
                }
              }
              cached.add(name + "/" + f);
            }
          }
        }
        if (clause.presence === REQUIRED) for (const f of fields) required[f] = intersect(required[f], clauseMatches);
      });
      let allRequired = COMPLETE;
      const allProhibited = new Set();
      for (let f = 0; f < F; f++) {
        if (required[f] !== undefined) allRequired = intersect(allRequired, required[f]);
        if (prohibited[f]) for (const ref of prohibited[f]) allProhibited.add(ref);
      }
      if (query.isNegated()) {
        order.length = 0;
        for (let key = 0; key < D * F; key++) order.push(key);
      }
      // Per field, the dot products: query weights times scores, in term order.
      const dots = [], magnitudes = [];
      for (let f = 0; f < F; f++) {
        const weights = [...vectors[f]].sort((a, b) => a[0] - b[0]);
        let squares = 0;
        for (const [, w] of weights) squares += w * w;
        magnitudes.push(Math.sqrt(squares));
        const dot = new Float64Array(D);
        for (const [t, w] of weights) for (const [ref, s] of this.byNumber.get(t).postings()[f]) dot[ref] += w * s;
        dots.push(dot);
      }
      const scores = new Map(), refs = [];
      for (const key of order) {
        const ref = Math.floor(key / F), f = key % F;
        if (allRequired !== COMPLETE && !allRequired.has(ref)) continue;
        if (allProhibited.has(ref)) continue;
        const s = (dots[f][ref] / magnitudes[f]) || 0;
        if (scores.has(ref)) scores.set(ref, scores.get(ref) + s);
        else {
          scores.set(ref, s);
          refs.push(ref);
        }
      }
      refs.sort((a, b) => scores.get(b) - scores.get(a));
      const kept = refs.filter(accept);
      return { count: kept.length, refs: kept, matched: refs };
    }
  }

  window.CatalogueSearch = { Index };
})();
