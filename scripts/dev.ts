// npm run dev: embedded PostgreSQL unless DATABASE_URL is set, migrations, then `next dev` + the worker under tsx watch.
import { runApp } from "./run-app";
import { runMain } from "./run-main";

runMain(() => runApp("dev"));
