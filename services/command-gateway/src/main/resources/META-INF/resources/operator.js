'use strict';
// The operator page: one WebSocket to /ws/incidents, the picture kept here by item id (a change carries each item it
// touched in full, so it replaces the copy), and drawn as tables plus a schematic map. Every text from the picture is
// set as textContent: reports are typed by people in the field and must never become markup.
(function () {
  const KINDS = ['incident', 'unit', 'warning', 'warehouse', 'shelter', 'allocation', 'mutualAid'];
  const picture = {};
  KINDS.forEach(kind => picture[kind] = new Map());
  let socket = null;
  let position = null;
  let seq = 0;
  let retryMillis = 1000;
  const RESUME_EVERY_MILLIS = 5000;
  let lastResume = 0;
  let settings = null;

  const $ = id => document.getElementById(id);

  function state(name, detail) {
    $('connection').dataset.state = name;
    $('connection-state').textContent = name;
    $('connection-detail').textContent = detail || '';
  }

  function query(from) {
    const params = new URLSearchParams();
    // A bureau is its county's area: the screen is narrowed to it (the token may allow less, never more).
    const area = settings.area || (settings.jurisdiction ? settings.jurisdiction + '000000' : '');
    if (area) params.set('area', area);
    if (settings.minGrade) params.set('minGrade', settings.minGrade);
    if (from) params.set('from', from);
    const text = params.toString();
    return text ? '?' + text : '';
  }

  function connect(from) {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const url = scheme + '//' + location.host + '/ws/incidents' + query(from);
    state('connecting', from ? 'resuming' : '');
    // Browsers cannot set an Authorization header on a WebSocket: the token travels as a subprotocol.
    socket = new WebSocket(url, ['bearer-token-carrier',
      encodeURIComponent('quarkus-http-upgrade#Authorization#Bearer ' + settings.token)]);
    socket.onmessage = event => receive(JSON.parse(event.data));
    socket.onclose = event => {
      state('disconnected', 'closed ' + event.code + (event.reason ? ': ' + event.reason : ''));
      if (event.code === 4401 || event.code === 1008) {
        return; // The token expired or was refused: a person must log in again.
      }
      if (event.code === 1012) {
        connect(position); // The instance is stopping: another one takes the screen at once.
        return;
      }
      setTimeout(() => connect(position), retryMillis);
      retryMillis = Math.min(retryMillis * 2, 30000);
    };
  }

  function receive(message) {
    if (message.seq !== undefined && message.kind !== 'resync') {
      // A change names the one shown to this page's filter before it (prev); one this page does not hold, or a
      // change it already has, means something went wrong on the way: start again from the last position applied.
      if (message.prev !== undefined && (message.prev > seq || message.seq <= seq)) {
        socket.close();
        return;
      }
      seq = message.seq; // A snapshot's or a resume's: the last change it holds.
    }
    switch (message.kind) {
      case 'snapshot':
        KINDS.forEach(kind => {
          picture[kind].clear();
          (message[kind + 's'] || []).forEach(item => picture[kind].set(item.id, item));
        });
        position = message.position;
        retryMillis = 1000;
        state('live', 'snapshot at ' + new Date().toLocaleTimeString());
        break;
      case 'resumed':
        retryMillis = 1000;
        state('live', 'resumed, ' + message.replayed + ' missed changes replayed');
        break;
      case 'resync': {
        state('resyncing', 'too slow, catching up');
        // The gateway takes one resume per 5 s from a screen and closes one that asks more often.
        const resume = JSON.stringify({resume: message.position});
        const sent = socket;
        const wait = Math.max(0, lastResume + RESUME_EVERY_MILLIS - Date.now());
        setTimeout(() => {
          if (sent === socket && sent.readyState === WebSocket.OPEN) {
            lastResume = Date.now();
            sent.send(resume);
          }
        }, wait);
        return;
      }
      case 'renewed':
      case 'renewal-refused':
        return;
      default:
        KINDS.forEach(kind => {
          // An item marked removed (an incident closed past the retention) leaves the screen's copy, and an
          // incident takes its allocations with it.
          if (message[kind] && message[kind].removed) {
            picture[kind].delete(message[kind].id);
            if (kind === 'incident') {
              ['allocation', 'mutualAid'].forEach(under => picture[under].forEach((item, id) =>
                item.incidentId === message[kind].id && picture[under].delete(id)));
            }
          }
          else if (message[kind]) picture[kind].set(message[kind].id, message[kind]);
        });
        position = message.position;
        state('live', message.kind + ' at ' + new Date().toLocaleTimeString());
    }
    render();
  }

  function cell(row, text, className) {
    const td = document.createElement('td');
    td.textContent = text === undefined || text === null ? '' : String(text);
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function fill(tableId, items, columns, countId) {
    const body = $(tableId).tBodies[0];
    body.replaceChildren();
    items.forEach(item => {
      const row = document.createElement('tr');
      row.dataset.id = item.id;
      columns.forEach(column => {
        const value = column(item);
        cell(row, value.text, value.className);
      });
      if (item.status) row.classList.add('status-' + item.status);
      body.appendChild(row);
    });
    $(countId).textContent = items.length;
  }

  const size = object => object ? Object.keys(object).length : 0;
  // Allocations by status, and how many of them are short: "4 RESERVED, 1 DISPATCHED; 2 short".
  const materials = m => !m ? '' : Object.entries(m.allocations || {}).map(([status, n]) => n + ' ' + status)
    .join(', ') + (m.short ? '; ' + m.short + ' short' : '');
  const grades = {I: 0, II: 1, III: 2, IV: 3};
  const BUREAUS = {'350582': 'Jinjiang', '350502': 'Licheng'};
  const bureau = code => BUREAUS[code] || code;
  // What a request asks for: "2 FIRE_ENGINE, 1 AMBULANCE" or "200 TENT-12".
  const asked = m => (m.units || []).map(u => u.count + ' ' + u.type)
    .concat((m.items || []).map(i => i.quantity + ' ' + i.itemCode)).join(', ');
  // What went under it: the lender's units still at the incident, the stock its warehouses supply.
  const lent = m => Object.values(m.lentUnits || {}).filter(u => u.active).map(u => u.callSign)
    .concat(Object.values(m.lentStock || {}).flatMap(a => Object.entries(a.items || {}).map(([i, n]) => n + ' ' + i)))
    .join(', ');

  function render() {
    const incidents = [...picture.incident.values()].sort((a, b) =>
      (grades[a.grade] ?? 9) - (grades[b.grade] ?? 9) || String(b.reportedAt).localeCompare(String(a.reportedAt)));
    fill('incidents', incidents, [
      i => ({text: i.grade || '?', className: 'grade-' + i.grade}),
      i => ({text: i.status || 'not yet reported'}),
      i => ({text: i.title || i.id, className: 'title'}),
      i => ({text: i.areaCode}),
      i => ({text: Object.values(i.units || {}).filter(u => u.status !== 'AVAILABLE').length}),
      i => ({text: size(i.warnings)}),
      i => ({text: String(i.reportCount ?? size(i.reports))}),
      i => ({text: materials(i.materials)})], 'incident-count');
    annotateIncidents();
    fill('units', [...picture.unit.values()].sort((a, b) => String(a.callSign).localeCompare(String(b.callSign))), [
      u => ({text: u.callSign}), u => ({text: u.unitType}), u => ({text: u.status}),
      u => ({text: u.incidentId ? (picture.incident.get(u.incidentId)?.title || u.incidentId) : ''})], 'unit-count');
    fill('warnings', [...picture.warning.values()], [
      w => ({text: w.level}), w => ({text: w.hazard}), w => ({text: w.headline}), w => ({text: w.status}),
      w => ({text: w.coverage ? w.coverage.coveragePercent + ' %' : ''})], 'warning-count');
    // One row per warning and town it has figures for (its transfers, the shelters open for it).
    const towns = [...picture.warning.values()].flatMap(w => Object.entries(w.towns || {}).map(([code, t]) =>
      ({...t, id: w.id + '/' + code, town: code, warning: w})));
    fill('transfers', towns, [
      t => ({text: (t.warning.level || '') + ' ' + (t.warning.headline || t.warning.id)}),
      t => ({text: t.town}), t => ({text: t.ordered}), t => ({text: t.moved}),
      t => ({text: t.remaining + (t.overdueAreas ? ' (' + t.overdueAreas + ' overdue)' : ''),
        className: t.overdueAreas ? 'overdue' : ''}),
      t => ({text: t.refused}), t => ({text: t.inShelters}), t => ({text: t.freePlaces}),
      t => ({text: t.acknowledged ? 'yes' : 'no'})], 'transfer-count');
    fill('mutual-aid', [...picture.mutualAid.values()].sort((a, b) =>
      String(b.updatedAt).localeCompare(String(a.updatedAt))), [
      m => ({text: m.resource === 'STOCK' ? 'stock' : 'units'}),
      m => ({text: bureau(m.requestingJurisdiction)}), m => ({text: bureau(m.lendingJurisdiction)}),
      m => ({text: m.status + (m.overdue && m.status === 'REQUESTED' ? ' (overdue)' : '')}),
      m => ({text: asked(m)}),
      m => ({text: m.incident ? (m.incident.grade || '?') + ' ' + (m.incident.title || m.incidentId) : m.incidentId}),
      m => ({text: lent(m)})], 'mutual-aid-count');
    fill('shelters', [...picture.shelter.values()], [
      s => ({text: s.name}), s => ({text: s.kind}), s => ({text: s.status}),
      s => ({text: (s.occupancy ?? '?') + ' / ' + (s.capacity ?? '?')})], 'shelter-count');
    fill('warehouses', [...picture.warehouse.values()], [
      w => ({text: w.name || w.id}), w => ({text: w.level}),
      w => ({text: Object.entries(w.stock || {}).map(([item, n]) => item + ' ' + n).join(', ')})], 'warehouse-count');
    draw();
  }

  // ---- Incident notes: a position far outside its area, the latest situation, links to possible duplicates. ----
  // Drawn under each incident's title after fill() has drawn the rows, so the table code stays generic.

  let focusedIncident = null;
  // Intake links a report to at most 5 incidents, but the way back has no bound: under a burst of reports every new
  // one near an older incident links to it. A row shows the nearest few and counts the rest.
  const LINKS_SHOWN = 5;

  // A possible duplicate reaches the picture on the newer incident only (its first report names the open incidents
  // close in place and time), so the older one is given the way back here. Both ends come from items this screen was
  // given, and the gateway gives a link only to a viewer who may see the incident it names: nothing is shown that the
  // picture did not already show this viewer.
  function duplicateLinks() {
    const links = new Map();
    const add = (from, link) => {
      if (!links.has(from)) links.set(from, new Map());
      if (!links.get(from).has(link.incidentId)) links.get(from).set(link.incidentId, link);
    };
    picture.incident.forEach(incident => (incident.possibleDuplicates || []).forEach(link => {
      if (!link || typeof link.incidentId !== 'string') return;
      add(incident.id, link);
      add(link.incidentId, {incidentId: incident.id, areaCode: incident.areaCode, distanceMeters: link.distanceMeters});
    }));
    return links;
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function annotateIncidents() {
    const links = duplicateLinks();
    for (const row of $('incidents').tBodies[0].rows) {
      const incident = picture.incident.get(row.dataset.id);
      if (!incident) continue;
      const notes = incidentNotes(incident, links.get(incident.id));
      if (notes.childElementCount) row.querySelector('td.title').appendChild(notes);
      if (incident.id === focusedIncident) row.classList.add('focused');
    }
  }

  function incidentNotes(incident, links) {
    const notes = element('div', 'incident-notes');
    if (incident.locationOutsideArea === true) {
      // Intake takes such a report all the same (the position is where it happened): someone has to check it.
      const flag = element('span', 'off-area', 'position outside its area');
      flag.title = 'Reported position is far outside the area ' + incident.areaCode
        + ' (farther from its centre than its radius). The report was taken: check the position or the area.';
      notes.appendChild(flag);
    }
    const situation = latestSituation(incident);
    if (situation) {
      const line = element('p', 'situation', situation.text);
      // Shown in up to three lines; the whole of it on hover.
      line.title = 'Report ' + situation.sequence + (situation.shortened ? ' (shortened by the gateway)' : '') + ': '
        + situation.text;
      notes.appendChild(line);
    }
    if (links && links.size) {
      const list = element('div', 'duplicates', 'Possible duplicate of: ');
      const nearest = [...links.values()]
        .sort((a, b) => (a.distanceMeters ?? Infinity) - (b.distanceMeters ?? Infinity));
      nearest.slice(0, LINKS_SHOWN).forEach(link => list.appendChild(duplicateLink(link)));
      if (nearest.length > LINKS_SHOWN) {
        list.appendChild(element('span', 'more-duplicates', '+' + (nearest.length - LINKS_SHOWN) + ' more'));
      }
      notes.appendChild(list);
    }
    return notes;
  }

  // The newest report that states a situation (a first report has none; follow-ups and the final report do).
  function latestSituation(incident) {
    const newest = Object.values(incident.reports || {})
      .filter(report => report && typeof report.situation === 'string' && report.situation)
      .sort((a, b) => (b.sequence ?? 0) - (a.sequence ?? 0))[0];
    return newest && {text: newest.situation, sequence: newest.sequence, shortened: newest.shortened === true};
  }

  // The linked incident's title (cut short by the style when long), then its distance, which stays readable.
  function duplicateLink(link) {
    const target = picture.incident.get(link.incidentId);
    const entry = element('span', 'duplicate');
    let named;
    if (target) {
      named = element('button', 'duplicate-link', target.title || target.id);
      named.type = 'button';
      named.title = 'Show incident ' + link.incidentId + (link.areaCode ? ' in area ' + link.areaCode : '');
    } else {
      // Linked, but left off this screen by its filters (area, grade): named, with nowhere to go.
      named = element('span', 'duplicate-link off-screen', link.incidentId);
      named.title = 'Not on this screen' + (link.areaCode ? ' (area ' + link.areaCode + ')' : '');
    }
    named.dataset.incident = link.incidentId;
    entry.appendChild(named);
    if (typeof link.distanceMeters === 'number') {
      entry.appendChild(document.createTextNode(' ' + Math.round(link.distanceMeters) + ' m'));
    }
    return entry;
  }

  // One listener for every link, on the table body that outlives its rows: the rows are drawn again on each change.
  $('incidents').tBodies[0].addEventListener('click', event => {
    const link = event.target.closest('button.duplicate-link');
    if (!link) return;
    focusedIncident = link.dataset.incident;
    for (const row of $('incidents').tBodies[0].rows) {
      row.classList.toggle('focused', row.dataset.id === focusedIncident);
      if (row.dataset.id === focusedIncident) row.scrollIntoView({block: 'center'});
    }
  });

  // Plots every item with a position on an equirectangular sketch scaled to what is on the picture.
  function draw() {
    const points = [];
    picture.incident.forEach(i => i.location && points.push({kind: 'incident', p: i.location, item: i}));
    picture.unit.forEach(u => u.position && points.push({kind: 'unit', p: u.position, item: u}));
    picture.warehouse.forEach(w => w.position && points.push({kind: 'warehouse', p: w.position, item: w}));
    picture.shelter.forEach(s => s.position && points.push({kind: 'shelter', p: s.position, item: s}));
    const layer = $('map-items');
    layer.replaceChildren();
    if (!points.length) return;
    let [minLat, maxLat, minLon, maxLon] = [90, -90, 180, -180];
    points.forEach(({p}) => {
      minLat = Math.min(minLat, p.latitude); maxLat = Math.max(maxLat, p.latitude);
      minLon = Math.min(minLon, p.longitude); maxLon = Math.max(maxLon, p.longitude);
    });
    const pad = 0.02;
    const spanLat = Math.max(maxLat - minLat, 0.05) + 2 * pad;
    const spanLon = Math.max(maxLon - minLon, 0.05) + 2 * pad;
    const scale = Math.min(600 / spanLon, 400 / spanLat);
    const x = lon => (lon - minLon + pad) * scale;
    const y = lat => 400 - (lat - minLat + pad) * scale;
    const svg = 'http://www.w3.org/2000/svg';
    points.forEach(({kind, p, item}) => {
      const mark = document.createElementNS(svg, 'circle');
      mark.setAttribute('cx', x(p.longitude).toFixed(1));
      mark.setAttribute('cy', y(p.latitude).toFixed(1));
      mark.setAttribute('r', kind === 'incident' ? String(9 - 1.5 * (grades[item.grade] ?? 3)) : '3.5');
      mark.setAttribute('class', kind);
      mark.dataset.id = item.id;
      const title = document.createElementNS(svg, 'title');
      title.textContent = item.title || item.callSign || item.name || item.id;
      mark.appendChild(title);
      layer.appendChild(mark);
    });
  }

  // Dead letters are counted by the gateway, not pushed on the feed: the page asks every 15 s. Any above zero means
  // the picture misses events until someone replays them, so the count stands out.
  const DEAD_LETTERS_EVERY_MILLIS = 15000;

  function deadLetters() {
    fetch('/api/dead-letters', {headers: {Authorization: 'Bearer ' + settings.token}})
      .then(response => response.ok ? response.json() : Promise.reject(new Error('HTTP ' + response.status)))
      .then(depths => {
        const waiting = depths.reduce((sum, d) => sum + (d.depth || 0), 0);
        const body = $('dead-letters').tBodies[0];
        body.replaceChildren();
        depths.forEach(d => {
          const row = document.createElement('tr');
          row.dataset.topic = d.topic;
          cell(row, d.topic);
          cell(row, d.depth === null ? '?' : d.depth, d.depth > 0 ? 'dead-letters-waiting' : '');
          cell(row, d.checkedAt ? new Date(d.checkedAt).toLocaleTimeString() : 'not yet');
          body.appendChild(row);
        });
        $('dead-letter-count').textContent = waiting;
        $('dead-letter-count').classList.toggle('dead-letters-waiting', waiting > 0);
      })
      .catch(error => { $('dead-letter-count').textContent = '?'; $('dead-letter-count').title = String(error); });
  }

  function start(values) {
    settings = values;
    $('login').hidden = true;
    connect(null);
    deadLetters();
    setInterval(deadLetters, DEAD_LETTERS_EVERY_MILLIS);
  }

  // A token may be handed in the fragment (#token=...), which never leaves the browser; otherwise one is asked for.
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.get('token')) {
    start({token: fragment.get('token'), area: fragment.get('area'), jurisdiction: fragment.get('jurisdiction'),
      minGrade: fragment.get('minGrade')});
  } else {
    $('login').hidden = false;
    $('login').addEventListener('submit', event => {
      event.preventDefault();
      start({token: $('token').value.trim(), area: $('area').value.trim(), jurisdiction: $('jurisdiction').value,
        minGrade: $('minGrade').value});
    });
  }
})();
