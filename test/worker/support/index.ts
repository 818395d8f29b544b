// The worker-test harness: the simulator client and the helpers that drive the system.
export { alarmAt, alarmWithin, deliver, deliverAndSettle, fireAlarm, settle, type SettleOptions } from './drive';
export { resetSim, sim } from './sim';
export { TEST_CLOCK, testBackoffMs } from './clock';
