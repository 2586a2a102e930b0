// The shared kernel (the signed-in user, roles, zones, audit, domain events) is what every feature may use.
global using Pinpoint.Web.Kernel;
