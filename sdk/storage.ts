/** SDK classes and functions of the storage area. */
export {};
