export * from './free-port.js';
export * from './require-command.js';
export * from './server-process.js';
export * from './influxdb-server.js';
export * from './mosquitto-server.js';
export * from './temporary-directory.js';
