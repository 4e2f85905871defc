// Entry of the test build: the production background, plus the probe that lets the bench drive it.
import "../../../src/addon/background.ts";
import { startProbe } from "./probe.ts";

void startProbe();
