global using Pinpoint.Web.Kernel;
