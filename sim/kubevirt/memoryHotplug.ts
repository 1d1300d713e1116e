/** `ValidateLiveUpdateMemory` (pkg/liveupdate/memory/memory.go), message for message. */
import { parseQuantity } from "../util/quantity";
import type { VmiSpec } from "./types";

const MiB2 = 0x200000;
const GiB1 = 0x40000000;

/** Why memory hotplug is impossible for this spec and maxGuest, or undefined when it is possible. */
export function validateLiveUpdateMemory(
    spec: VmiSpec,
    maxGuest: string | undefined,
): string | undefined {
    const d = spec.domain ?? {};
    const cpu = d.cpu as
        { realtime?: unknown; numa?: { guestMappingPassthrough?: unknown } } | undefined;
    if (cpu?.realtime) return "Memory hotplug is not compatible with realtime VMs";
    if (cpu?.numa?.guestMappingPassthrough)
        return "Memory hotplug is not compatible with guest mapping passthrough";
    if (d.launchSecurity) return "Memory hotplug is not compatible with encrypted VMs";
    const hugepages = (d.memory as { hugepages?: { pageSize?: string } } | undefined)?.hugepages;
    const align = hugepages?.pageSize === "1Gi" ? GiB1 : MiB2;
    const guest = parseQuantity(d.memory?.guest);
    if (guest === undefined)
        return "Guest memory must be configured when memory hotplug is enabled";
    const max = parseQuantity(maxGuest);
    if (max === undefined)
        return "Max guest memory must be configured when memory hotplug is enabled";
    const alignText = align === GiB1 ? "1Gi" : "2Mi";
    if (guest > max) return "Guest memory is greater than the configured maxGuest memory";
    if (guest % align !== 0) return `Guest memory must be ${alignText} aligned`;
    if (max % align !== 0) return `MaxGuest must be ${alignText} aligned`;
    if (spec.architecture !== "amd64") return "Memory hotplug is only available for x86_64 VMs";
    return undefined;
}
