-- wrk: create a task with two categories, Bearer token (BENCH_TOKEN, BENCH_CATEGORIES).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.body = '{"title":"Bench task","description":"Made by wrk","categoryIds":[' .. os.getenv("BENCH_CATEGORIES") .. ']}'

-- the one-line report, from report.lua beside this script
done = dofile(debug.getinfo(1, "S").source:match("^@(.*[/\\])") .. "report.lua")
