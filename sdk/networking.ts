/** SDK classes and functions of the networking area. */
export {};
