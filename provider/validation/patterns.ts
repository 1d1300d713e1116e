/**
 * Messages for schema patterns. The schema repeats a few long regexes (quantities, DNS names);
 * printing them tells a user little, so they are named by the concept instead.
 */

/** Long regexes the schema shares, named by the concept a user knows them by. */
const NAMED_PATTERNS: { test: (pattern: string) => boolean; says: string }[] = [
    {
        test: (p) => p.includes("[KMGTPE]i"),
        says: `must be a resource quantity such as "2Gi" or "500M"`,
    },
    {
        test: (p) => p === "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",
        says: "must be a DNS-1123 subdomain name: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit",
    },
    {
        test: (p) => p === "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
        says: "must be a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit",
    },
];

/** Names the concept of a well-known pattern instead of printing the regex. */
export function patternMessage(pattern: string): string {
    const shown = JSON.stringify(pattern);
    return (
        NAMED_PATTERNS.find((n) => n.test(pattern))?.says ??
        `must match pattern ${shown.length > 80 ? `${shown.slice(0, 77)}...` : shown}`
    );
}
