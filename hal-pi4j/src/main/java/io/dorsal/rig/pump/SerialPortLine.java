package io.dorsal.rig.pump;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;

/**
 * A real serial device through jSerialComm (8 data bits, no parity, 1 stop bit, as balances default to), read without
 * blocking. jSerialComm loads its native part on first use: nothing here runs in the tests.
 */
public final class SerialPortLine implements BalanceLine {

    private final SerialPort port;

    private SerialPortLine(SerialPort port) {
        this.port = port;
    }

    /** Opens the device; one line of why not otherwise. */
    public static SerialPortLine open(BalanceSettings settings) throws IOException {
        SerialPort port = SerialPort.getCommPort(settings.device());
        port.setComPortParameters(settings.baud(), 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_NONBLOCKING, 0, 0);
        if (!port.openPort()) {
            throw new IOException("cannot open the balance's serial device " + settings.device()
                    + " (is it connected, and is the user in the dialout group?)");
        }
        return new SerialPortLine(port);
    }

    @Override
    public int read(byte[] buffer) throws IOException {
        int available = port.bytesAvailable();
        if (available < 0) {
            throw new IOException("the balance's serial device " + port.getSystemPortPath() + " went away");
        }
        if (available == 0) {
            return 0;
        }
        return Math.max(0, port.readBytes(buffer, Math.min(buffer.length, available)));
    }

    @Override
    public void close() {
        port.closePort();
    }
}
