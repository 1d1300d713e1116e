/** Kubernetes metav1.Time text (RFC 3339, second precision) for a millisecond timestamp. */
export function k8sTime(ms: number): string {
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
