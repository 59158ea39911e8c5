import { startReliability, waitOutboxesPublished, assertEveryEventConsumedOnce } from './harness.ts';
const t0 = Date.now();
const r = await startReliability('scratch');
console.log('started in', Date.now() - t0);
try {
  const reg = await r.gql(`mutation($input: RegisterAppealInput!) { registerAppeal(input: $input) { id registrationNumber version } }`, { input: { kind: 'APPLICATION', channel: 'POST', applicant: { type: 'ANONYMOUS' }, summary: 'x', text: 'y' } }, { role: 'registrar', subject: 'r1' });
  console.log(JSON.stringify(reg).slice(0, 500));
  const t1 = Date.now();
  await waitOutboxesPublished(r);
  console.log('published in', Date.now() - t1);
  const t2 = Date.now();
  console.log(await assertEveryEventConsumedOnce(r), Date.now() - t2);
  await r.system.kill('reception');
  const q = await r.gql(`{ appeals(first: 2) { edges { node { id receptionVisit { id } } } } }`, {}, { role: 'controller', subject: 'c' });
  console.log(q.status, q.text.slice(0, 3000));
} finally {
  const t3 = Date.now();
  await r.stop();
  console.log('stopped in', Date.now() - t3);
}
