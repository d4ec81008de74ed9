import { directorySnapshot, type Simulation } from '@chatvault/simulator';
import { qrPng } from '../qr-test-image';
import type { FakeFinanceSdk } from './fake-finance-sdk';
import type { FakeWecomOrg } from './fake-wecom-org';

/**
 * Puts the simulated org where WeCom's contact and customer-contact APIs serve it from: departments
 * with their leaders, employees with their 直属上级, customers with who has them, and the customer
 * groups (those created during the simulation too, as groupchat/get finds them afterwards).
 */
export function loadSimulatedDirectory(org: FakeWecomOrg, simulation: Simulation): void {
  const snapshot = directorySnapshot(simulation, org.clock.now());
  for (const department of snapshot.departments) org.addDepartment(department);
  for (const user of snapshot.users) org.addUser(user);
  for (const { followers, ...contact } of snapshot.externalContacts) org.addContact(contact, followers.map((f) => f.userid));
  for (const group of snapshot.customerGroups) org.addCustomerGroup(group);
}

/**
 * Archives every simulated record in the fake chat archive, in the simulation's order, with the files
 * they refer to: a rendered QR code where the simulation says an image shows one, a few placeholder
 * bytes otherwise. WeCom's md5sum is that of the file it serves, so each record's md5sum is set to it;
 * everything else is the simulation's record as it is.
 */
export function loadSimulatedArchive(sdk: FakeFinanceSdk, simulation: Simulation): void {
  const qrPayloads = new Map(simulation.images.map((image) => [image.sdkfileid, image.qrPayload]));
  const serve = (sdkfileid: string) => {
    const payload = qrPayloads.get(sdkfileid);
    return sdk.addMedia(sdkfileid, payload === undefined ? Buffer.from(`simulated file ${sdkfileid}`) : Buffer.from(qrPng(payload)));
  };
  for (const record of simulation.records) sdk.append(withServedMedia(record, serve) as object);
}

/** Every body with an sdkfileid, also inside a `mixed` part's JSON content, served; md5sum set to the served file's. */
function withServedMedia(value: unknown, serve: (sdkfileid: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => withServedMedia(item, serve));
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withServedMedia(item, serve)]));
  if (typeof copy.type === 'string' && typeof copy.content === 'string' && copy.content.includes('"sdkfileid"')) {
    copy.content = JSON.stringify(withServedMedia(JSON.parse(copy.content), serve));
  }
  if (typeof copy.sdkfileid === 'string') {
    const md5 = serve(copy.sdkfileid);
    if ('md5sum' in copy) copy.md5sum = md5;
  }
  return copy;
}
