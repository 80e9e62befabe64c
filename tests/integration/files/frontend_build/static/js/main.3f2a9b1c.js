document.getElementById("root").textContent = "SmartScheduler";
