// `tidings/server`: the server as a module, standalone or attached to an existing `http.Server`.
export {}
