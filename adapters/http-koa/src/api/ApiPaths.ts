/** Where the families' JSON API lives; every address under `/api/` answers JSON, errors included. */
export const apiBasePath = "/api/v1"

/** Whether an address belongs to the JSON API (`/api` and everything under `/api/`). */
export const isApiPath = (path: string): boolean => path === "/api" || path.startsWith("/api/")

/** A path of the OpenAPI document (`/requests/{requestId}`) as the router writes it (`/requests/:requestId`). */
export const routerPathOf = (openApiPath: string): string => openApiPath.replace(/\{([A-Za-z]+)\}/g, ":$1")
