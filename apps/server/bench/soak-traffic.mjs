// The soak benchmark's clients, in a child process of their own so their memory and CPU never mix with the server's
// figures. Each client loops over a mix of citizen and staff requests, reads and writes, until told to stop, and
// counts what came back; the parent asks for the counts once a minute. Plain JavaScript: no TypeScript loader needed.

/** @typedef {{ base: string, clients: number, citizen: { cookie: string, csrf: string, reference: string, caseId: string }, staff: { cookie: string, csrf: string, caseIds: string[] } }} Plan */

const counts = { ok: 0, errors: 0, byKind: {} };
let stopping = false;

function count(kind, ok, detail, ms) {
  const k = (counts.byKind[kind] ??= { ok: 0, errors: 0, 'mean ms': 0 });
  k['mean ms'] = Math.round(((k['mean ms'] * (k.ok + k.errors) + ms) / (k.ok + k.errors + 1)) * 10) / 10;
  if (ok) {
    counts.ok++;
    k.ok++;
  } else {
    counts.errors++;
    k.errors++;
    if (k.errors <= 3) console.error(`soak: ${kind} failed: ${detail}`);
  }
}

async function call(kind, url, init, okStatus) {
  const started = performance.now();
  try {
    const res = await fetch(url, { redirect: 'manual', ...init });
    const body = await res.text();
    const ok = okStatus.includes(res.status);
    count(kind, ok, `HTTP ${res.status} ${body.slice(0, 200)}`, performance.now() - started);
    return ok ? body : undefined;
  } catch (err) {
    count(kind, false, String(err), performance.now() - started);
    return undefined;
  }
}

function tinyPdf(text) {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

/** One client: reads most of the time, and now and then a staff note or a citizen's answer with a small PDF. */
async function client(plan, index) {
  const { base, citizen, staff } = plan;
  const citizenHeaders = { cookie: citizen.cookie, accept: 'text/html', 'accept-encoding': 'gzip, br' };
  const staffHeaders = { cookie: staff.cookie, accept: 'application/json' };
  // Notes spread over many cases, as a team's are: each round of 20 requests works on the client's next case.
  const mine = staff.caseIds.filter((_, i) => i % plan.clients === index);
  let staffCase;
  let version;
  let n = 0;
  while (!stopping) {
    const step = n % 20;
    if (step === 0) {
      staffCase = mine[(n / 20) % mine.length];
      version = undefined;
    }
    n++;
    if (step < 6)
      await call('citizen case page', `${base}/mine-sager/${citizen.reference}`, { headers: citizenHeaders }, [200]);
    else if (step < 9) await call('citizen my-cases', `${base}/mine-sager`, { headers: citizenHeaders }, [200]);
    else if (step < 11)
      await call(
        'citizen API case',
        `${base}/api/my/cases/${citizen.caseId}`,
        { headers: { cookie: citizen.cookie } },
        [200],
      );
    else if (step < 14) await call('staff queue', `${base}/api/cases/queue?limit=25`, { headers: staffHeaders }, [200]);
    else if (step < 17) {
      const body = await call('staff case', `${base}/api/cases/${staffCase}`, { headers: staffHeaders }, [200]);
      if (body) version = JSON.parse(body).version;
    } else if (step < 19 && version !== undefined) {
      const body = await call(
        'staff note',
        `${base}/api/cases/${staffCase}/notes`,
        {
          method: 'POST',
          headers: { ...staffHeaders, 'content-type': 'application/json', 'x-csrf-token': staff.csrf },
          body: JSON.stringify({
            expectedVersion: version,
            kind: 'internal',
            who: 'Soak',
            when: new Date().toISOString(),
            what: `Note ${index}/${n}`,
          }),
        },
        [200],
      );
      version = body ? JSON.parse(body).version : undefined;
    } else if (step === 19 && index === 0 && n % 100 === 0) {
      // One client answers, every fifth round, so the citizen's answers never race each other.
      // The CSRF token is the form's first field, as the page's form sends it (never in the URL).
      const form = new FormData();
      form.append('_csrf', citizen.csrf);
      form.append('answer', `Svar ${n}`);
      form.append('document.other', new Blob([tinyPdf(`soak ${n}`)], { type: 'application/pdf' }), 'bilag.pdf');
      await call(
        'citizen answer + upload',
        `${base}/mine-sager/${citizen.reference}/svar`,
        { method: 'POST', headers: { cookie: citizen.cookie }, body: form },
        [303],
      );
    }
  }
}

let running;
process.on('message', (message) => {
  if (message.type === 'start') {
    /** @type {Plan} */
    const plan = message.plan;
    running = Promise.all(Array.from({ length: plan.clients }, (_, i) => client(plan, i)));
  } else if (message.type === 'counts') {
    process.send({ ...counts, byKind: structuredClone(counts.byKind) });
  } else if (message.type === 'stop') {
    stopping = true;
    void running.then(() => process.send({ final: true, ...counts }, () => process.exit(0)));
  }
});
