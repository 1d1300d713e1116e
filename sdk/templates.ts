/** SDK classes and functions of the templates area. */
export {};
