-- wrk script: GET wrk's path with the bearer token in TOKEN_FILE.
local handle = io.open(os.getenv("TOKEN_FILE") or "clinician.txt")
local token = handle:read("*l")
handle:close()
wrk.headers["Authorization"] = "Bearer " .. token
