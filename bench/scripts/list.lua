-- wrk: a filtered page of 20 tasks with owner and categories, Bearer token (BENCH_TOKEN).
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")

-- the one-line report, from report.lua beside this script
done = dofile(debug.getinfo(1, "S").source:match("^@(.*[/\\])") .. "report.lua")
