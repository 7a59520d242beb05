// `tidings`: the protocol (message types, schemas, route table) and the framework-free client
// (connection, leader tab, inbox model). No Vue here: it runs in any browser or in Node.
export {}
