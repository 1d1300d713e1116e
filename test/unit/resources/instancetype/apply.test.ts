import assert from "node:assert/strict";
import { cpuTopology, expandTemplateSpec } from "../../../../provider/resources/instancetype/apply";

const vmSpec = () => ({
    domain: {
        devices: {
            disks: [
                { name: "root", disk: {} },
                { name: "cd", cdrom: {} },
                { name: "fixed", disk: { bus: "sata" } },
            ],
            interfaces: [{ name: "default", masquerade: {} }],
        },
    },
    networks: [{ name: "default", pod: {} }],
    volumes: [{ name: "root", containerDisk: { image: "x" } }],
});

describe("instancetype: CPU topology from cpu.guest", () => {
    const cases: {
        name: string;
        guest: number;
        pref?: any;
        expect: { sockets: number; cores: number; threads: number };
    }[] = [
        {
            name: "no preference spreads vCPUs over sockets",
            guest: 4,
            expect: { sockets: 4, cores: 1, threads: 1 },
        },
        {
            name: "preferredCPUTopology sockets gives sockets",
            guest: 2,
            pref: { cpu: { preferredCPUTopology: "sockets" } },
            expect: { sockets: 2, cores: 1, threads: 1 },
        },
        {
            name: "the old preferSockets spelling works",
            guest: 2,
            pref: { cpu: { preferredCPUTopology: "preferSockets" } },
            expect: { sockets: 2, cores: 1, threads: 1 },
        },
        {
            name: "cores gives cores",
            guest: 4,
            pref: { cpu: { preferredCPUTopology: "cores" } },
            expect: { sockets: 1, cores: 4, threads: 1 },
        },
        {
            name: "threads gives threads",
            guest: 2,
            pref: { cpu: { preferredCPUTopology: "threads" } },
            expect: { sockets: 1, cores: 1, threads: 2 },
        },
        {
            name: "spread uses a 1:2 socket:core ratio by default",
            guest: 8,
            pref: { cpu: { preferredCPUTopology: "spread" } },
            expect: { sockets: 4, cores: 2, threads: 1 },
        },
        {
            name: "spread honours spreadOptions.ratio",
            guest: 6,
            pref: { cpu: { preferredCPUTopology: "spread", spreadOptions: { ratio: 3 } } },
            expect: { sockets: 2, cores: 3, threads: 1 },
        },
        {
            name: "spread across SocketsCoresThreads uses two threads",
            guest: 8,
            pref: {
                cpu: {
                    preferredCPUTopology: "spread",
                    spreadOptions: { across: "SocketsCoresThreads" },
                },
            },
            expect: { sockets: 2, cores: 2, threads: 2 },
        },
        {
            name: "any is read as cores (the conservative choice)",
            guest: 2,
            pref: { cpu: { preferredCPUTopology: "any" } },
            expect: { sockets: 1, cores: 2, threads: 1 },
        },
    ];
    for (const c of cases)
        it(c.name, () => assert.deepEqual(cpuTopology(c.guest, c.pref), c.expect));
});

describe("instancetype: expanding a template spec", () => {
    it("sets CPU, memory and the other instancetype fields on the template", () => {
        const it_ = {
            cpu: { guest: 2, model: "host-passthrough", maxSockets: 8 },
            memory: { guest: "4Gi", maxGuest: "16Gi" },
            nodeSelector: { a: "b" },
            ioThreadsPolicy: "auto",
            gpus: [{ name: "g", deviceName: "d" }],
        };
        const out = expandTemplateSpec(vmSpec(), it_, undefined);
        assert.deepEqual(out.domain.cpu, {
            sockets: 2,
            cores: 1,
            threads: 1,
            model: "host-passthrough",
            maxSockets: 8,
        });
        assert.deepEqual(out.domain.memory, { guest: "4Gi", maxGuest: "16Gi" });
        assert.deepEqual(out.nodeSelector, { a: "b" });
        assert.equal(out.domain.ioThreadsPolicy, "auto");
        assert.deepEqual(out.domain.devices.gpus, [{ name: "g", deviceName: "d" }]);
    });

    it("fills preference defaults only where the VM leaves them unset", () => {
        const pref = {
            devices: {
                preferredDiskBus: "virtio",
                preferredCdromBus: "sata",
                preferredInterfaceModel: "virtio",
            },
            machine: { preferredMachineType: "q35" },
            preferredTerminationGracePeriodSeconds: 30,
        };
        const spec: any = vmSpec();
        spec.terminationGracePeriodSeconds = 180;
        const out = expandTemplateSpec(spec, undefined, pref);
        assert.deepEqual(
            out.domain.devices.disks.map((d: any) => d.disk?.bus ?? d.cdrom?.bus),
            ["virtio", "sata", "sata"],
        );
        assert.equal(out.domain.devices.interfaces[0].model, "virtio");
        assert.equal(out.domain.machine.type, "q35");
        assert.equal(out.terminationGracePeriodSeconds, 180, "the VM's own value wins");
    });

    it("preferred EFI with secure boot becomes the bootloader when the VM sets none", () => {
        const out = expandTemplateSpec(vmSpec(), undefined, {
            firmware: { preferredUseEfi: true, preferredUseSecureBoot: true },
        });
        assert.deepEqual(out.domain.firmware, { bootloader: { efi: { secureBoot: true } } });
    });

    it("unmapped preference fields are kept under unexpandedPreference so changes still show", () => {
        const out = expandTemplateSpec(vmSpec(), undefined, {
            clock: { preferredTimer: { hpet: { present: false } } },
            devices: { preferredSoundModel: "ich9", preferredDiskBus: "virtio" },
            annotations: { a: "b" },
            requirements: { cpu: { guest: 1 } },
        });
        assert.deepEqual(out.unexpandedPreference, {
            clock: { preferredTimer: { hpet: { present: false } } },
            devices: { preferredSoundModel: "ich9" },
        });
    });

    it("memory overcommit is kept under unexpandedInstancetype", () => {
        const out = expandTemplateSpec(
            vmSpec(),
            { cpu: { guest: 1 }, memory: { guest: "1Gi", overcommitPercent: 10 } },
            undefined,
        );
        assert.deepEqual(out.unexpandedInstancetype, { memory: { overcommitPercent: 10 } });
    });

    it("the preference's topology decides how the instancetype's vCPUs are laid out", () => {
        const out = expandTemplateSpec(
            vmSpec(),
            { cpu: { guest: 4 }, memory: { guest: "2Gi" } },
            { cpu: { preferredCPUTopology: "cores" } },
        );
        assert.deepEqual(out.domain.cpu, { sockets: 1, cores: 4, threads: 1 });
    });

    it("instancetype memory is canonicalized like the VM's own quantities", () => {
        assert.equal(
            expandTemplateSpec(
                vmSpec(),
                { cpu: { guest: 1 }, memory: { guest: "4096Mi" } },
                undefined,
            ).domain.memory.guest,
            "4Gi",
        );
    });

    it("does not modify its input", () => {
        const spec = vmSpec();
        const copy = structuredClone(spec);
        expandTemplateSpec(
            spec,
            { cpu: { guest: 2 }, memory: { guest: "2Gi" } },
            { devices: { preferredDiskBus: "virtio" } },
        );
        assert.deepEqual(spec, copy);
    });
});
