/**
 * The object Pulumi serializes into state as `__provider` for every resource.
 *
 * It must stay tiny and its text must never change: the engine replaces a dynamic resource whose
 * serialized provider text differs from the one in state, and delete/refresh run the text stored
 * in state. So each method only loads the installed package by name and forwards; all logic ships
 * with the package, and a fix reaches old stacks without touching their state.
 */
import type * as pulumi from "@pulumi/pulumi";

/** The dynamic provider for one kind (e.g. "VirtualMachine"). */
export function makeProviderShim(kind: string): pulumi.dynamic.ResourceProvider {
    return {
        async configure(req: pulumi.dynamic.ConfigureRequest) {
            return require("pulumi-kubevirt/provider").configure(req);
        },
        async check(olds: any, news: any) {
            return require("pulumi-kubevirt/provider").dispatch(kind).check(olds, news);
        },
        async diff(id: string, olds: any, news: any) {
            return require("pulumi-kubevirt/provider").dispatch(kind).diff(id, olds, news);
        },
        async create(inputs: any) {
            return require("pulumi-kubevirt/provider").dispatch(kind).create(inputs);
        },
        async read(id: string, props: any) {
            return require("pulumi-kubevirt/provider").dispatch(kind).read(id, props);
        },
        async update(id: string, olds: any, news: any) {
            return require("pulumi-kubevirt/provider").dispatch(kind).update(id, olds, news);
        },
        async delete(id: string, props: any) {
            return require("pulumi-kubevirt/provider").dispatch(kind).delete(id, props);
        },
    };
}
