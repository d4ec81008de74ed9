/** Fills {slot} placeholders; a slot the template names but the caller forgot is a bug in the simulator. */
export function fillSlots(template: string, slots: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = slots[name];
    if (value === undefined) throw new Error(`template "${template}" needs slot {${name}}`);
    return value;
  });
}
